import { ApiProperty } from '@nestjs/swagger';

/** OpenAPI shapes of the connector operations API (documentation only; queries are validated by zod). */
export class FeedTotalsDto {
  @ApiProperty() polls!: number;
  @ApiProperty() upserts!: number;
  @ApiProperty() tombstones!: number;
  @ApiProperty() rejected!: number;
}

export class FeedStatusDto {
  @ApiProperty({ example: 'items' }) feed!: string;
  @ApiProperty({ enum: ['STARTING', 'HEALTHY', 'DEGRADED', 'STANDBY'], description: 'STANDBY: another instance of the connector polls this feed' })
  state!: string;
  @ApiProperty() consecutiveFailures!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null before the first page, or while the database cannot be read' }) cursor!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSuccessAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastFailureAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextPollAt!: string | null;
  @ApiProperty({ type: FeedTotalsDto }) totals!: FeedTotalsDto;
}

export class ConnectorStatusDto {
  @ApiProperty({ type: [FeedStatusDto] }) feeds!: FeedStatusDto[];
}

export class SyncReportDto {
  @ApiProperty({ example: 'items' }) feed!: string;
  @ApiProperty({ enum: ['changes', 'initial-load', 'resync', 'rebaseline'] }) mode!: string;
  @ApiProperty() pages!: number;
  @ApiProperty() changes!: number;
  @ApiProperty() upserts!: number;
  @ApiProperty() tombstones!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ type: String, nullable: true }) cursor!: string | null;
}

export class ResyncResultDto {
  @ApiProperty({ type: [SyncReportDto] }) reports!: SyncReportDto[];
}

export class ResyncFailedDto {
  @ApiProperty({ enum: [503] }) statusCode!: number;
  @ApiProperty({ enum: ['SOURCE_UNAVAILABLE'] }) code!: string;
  @ApiProperty() feed!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ type: [SyncReportDto], description: 'Feeds resynced before the failure' }) completed!: SyncReportDto[];
}

export class RejectionDto {
  @ApiProperty({ description: 'A decimal string' }) id!: string;
  @ApiProperty() feed!: string;
  @ApiProperty() sourceKey!: string;
  @ApiProperty({ type: Number, nullable: true }) sourceSeq!: number | null;
  @ApiProperty({ example: 'MISSING_SKU' }) reason!: string;
  @ApiProperty() field!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ description: 'The change as the source sent it', nullable: true }) change!: unknown;
  @ApiProperty({ format: 'date-time' }) rejectedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
}

export class RejectionListDto {
  @ApiProperty({ type: [RejectionDto] }) rejections!: RejectionDto[];
  @ApiProperty() count!: number;
}
