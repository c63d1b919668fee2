import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { CheckResultDto, LivenessDto, ReadinessDto } from './health.dto';
import { OBSERVABILITY_SERVICE_NAME } from '../observability.tokens';
import { ReadinessReport, ReadinessRegistry } from './readiness.registry';

/** Both answers name the service, so a caller can tell it reached the process it meant to. */
@ApiTags('health')
@ApiExtraModels(CheckResultDto)
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessRegistry,
    @Inject(OBSERVABILITY_SERVICE_NAME) private readonly service: string,
  ) {}

  /** Liveness says only that the process answers; dependencies belong to readiness, or an outage restarts every pod. */
  @Get('live')
  @ApiOperation({ summary: 'The process answers' })
  @ApiOkResponse({ type: LivenessDto })
  live(): { status: 'ok'; service: string } {
    return { status: 'ok', service: this.service };
  }

  /** 200 when every registered check passes; 503 naming the failing ones otherwise. */
  @Get('ready')
  @ApiOperation({ summary: 'Every readiness check passes (Kafka, database, caches)' })
  @ApiOkResponse({ type: ReadinessDto, description: 'Ready' })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'Not ready: `failing` names the checks' })
  async ready(): Promise<ReadinessReport & { status: 'ready'; service: string }> {
    const report = await this.readiness.evaluate();
    if (!report.ready) throw new ServiceUnavailableException({ status: 'not_ready', service: this.service, ...report });
    return { status: 'ready', service: this.service, ...report };
  }
}
