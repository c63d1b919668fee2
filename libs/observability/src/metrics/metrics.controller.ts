import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { MetricsRegistry } from './metrics.registry';

/** The slice of the HTTP response this controller needs; express's Response satisfies it. */
interface HeaderWriter {
  setHeader(name: string, value: string): unknown;
}

@ApiTags('metrics')
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  /** Prometheus scrape endpoint; the content type comes from the registry (text vs OpenMetrics). */
  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus scrape endpoint' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The Prometheus text exposition format', schema: { type: 'string' } })
  async scrape(@Res({ passthrough: true }) response: HeaderWriter): Promise<string> {
    response.setHeader('Content-Type', this.metrics.contentType);
    return this.metrics.scrape();
  }
}
