import { ApiProperty } from '@nestjs/swagger';
import { REPLAY_OUTCOMES, SHIPMENT_EXCEPTION_REASONS } from '@crossdock/shipment-events/domain';

/** OpenAPI shapes of the exception API (documentation only; requests are validated by zod). */
export class ShipmentExceptionDto {
  @ApiProperty({ example: '42', description: 'Exception id (a decimal string)' }) id!: string;
  @ApiProperty({ enum: SHIPMENT_EXCEPTION_REASONS }) reason!: string;
  @ApiProperty({ enum: ['OPEN', 'RESOLVED'] }) status!: string;
  @ApiProperty({ description: 'What it is about: the parked fact id, or the shipment / release id of a refused release' }) subject!: string;
  @ApiProperty({ type: String, nullable: true }) orderId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'SHOPIFY', description: 'Unknown until the order is (UNKNOWN_ORDER, UNKNOWN_TRACKING_NUMBER)' })
  channel!: string | null;
  @ApiProperty({ type: String, nullable: true }) channelAccountId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The parked fact a replay runs again' }) factId!: string | null;
  @ApiProperty({ description: 'Whether a replay re-runs a parked fact (false for refused releases and cancellations)' }) replayable!: boolean;
  @ApiProperty() detail!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'Seconds since it was raised' }) ageSeconds!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) resolvedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'APPLIED' }) resolution!: string | null;
  @ApiProperty({ description: 'Replays recorded so far' }) replayCount!: number;
}

export class ExceptionListDto {
  @ApiProperty({ type: [ShipmentExceptionDto], description: 'Oldest first' }) exceptions!: ShipmentExceptionDto[];
  @ApiProperty({ description: 'Matching exceptions in total (the page is capped by limit)' }) total!: number;
}

export class ReplayAuditDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Who asked (requestedBy)' }) actor!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty() reasonBefore!: string;
  @ApiProperty({ enum: REPLAY_OUTCOMES }) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) reasonAfter!: string | null;
  @ApiProperty({ type: String, nullable: true }) detail!: string | null;
}

export class ReplayAuditEntryDto extends ReplayAuditDto {
  @ApiProperty({ description: 'The exception replayed' }) exceptionId!: string;
}

export class ReplayAuditListDto {
  @ApiProperty({ type: [ReplayAuditEntryDto], description: 'Newest first' }) replays!: ReplayAuditEntryDto[];
  @ApiProperty({ description: 'Matching replays in total (the page is capped by limit)' }) total!: number;
}

export class ShipmentExceptionDetailDto extends ShipmentExceptionDto {
  @ApiProperty({ type: [ReplayAuditDto], description: 'Every replay of it, oldest first' }) replays!: ReplayAuditDto[];
}

export class ExceptionNotFoundDto {
  @ApiProperty({ enum: [404] }) statusCode!: number;
  @ApiProperty({ enum: ['Not Found'] }) error!: string;
  @ApiProperty({ example: 'no exception 42' }) message!: string;
}

export class ReplayResultDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: [...REPLAY_OUTCOMES, 'NOT_FOUND'], description: 'NOT_FOUND: no such exception, or the filter excludes it (not audited)' })
  outcome!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The reason before the replay (null for NOT_FOUND)' }) reasonBefore!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The reason it is parked for now (STILL_FAILING)' }) reasonAfter!: string | null;
  @ApiProperty({ type: String, nullable: true }) detail!: string | null;
}

export class ReplayResponseDto {
  @ApiProperty({ description: 'Who asked (audited with every result but NOT_FOUND)' }) requestedBy!: string;
  @ApiProperty({ type: [ReplayResultDto], description: 'One per exception: in the order of `ids`, else oldest first' }) results!: ReplayResultDto[];
}
