import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ReadinessReport, ReadinessRegistry } from './readiness.registry';

@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  /** Liveness says only that the process answers; dependencies belong to readiness, or an outage restarts every pod. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 when every registered check passes; 503 naming the failing ones otherwise. */
  @Get('ready')
  async ready(): Promise<ReadinessReport & { status: 'ready' }> {
    const report = await this.readiness.evaluate();
    if (!report.ready) throw new ServiceUnavailableException({ status: 'not_ready', ...report });
    return { status: 'ready', ...report };
  }
}
