import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI shapes of /health/live and /health/ready. */
export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status!: string;
  @ApiProperty({ example: 'order-ingest' }) service!: string;
}

export class CheckResultDto {
  @ApiProperty() ready!: boolean;
  @ApiPropertyOptional({ description: 'Why the check failed, when it threw or timed out' }) error?: string;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ready', 'not_ready'] }) status!: string;
  @ApiProperty({ example: 'order-ingest' }) service!: string;
  @ApiProperty() ready!: boolean;
  @ApiProperty({ type: [String], description: 'The checks that did not pass' }) failing!: string[];
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/CheckResultDto' }, description: 'Every check by name' })
  checks!: Record<string, CheckResultDto>;
}
