import { Controller, Get, Res } from '@nestjs/common';
import { MetricsRegistry } from './metrics.registry';

/** The slice of the HTTP response this controller needs; express's Response satisfies it. */
interface HeaderWriter {
  setHeader(name: string, value: string): unknown;
}

@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  /** Prometheus scrape endpoint; the content type comes from the registry (text vs OpenMetrics). */
  @Get('metrics')
  async scrape(@Res({ passthrough: true }) response: HeaderWriter): Promise<string> {
    response.setHeader('Content-Type', this.metrics.contentType);
    return this.metrics.scrape();
  }
}
