import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BATCH_MAX_QUERIES, ID_MAX_LENGTH } from './query-params.parser';

/** An id as the query takes it (query-params.parser.ts): as sent, 1 to 200 characters. */
export const ID_SCHEMA = { type: 'string', minLength: 1, maxLength: ID_MAX_LENGTH } as const;

/** One location's contribution, with the inputs that produced it. */
export class LocationAvailabilityDto {
  @ApiProperty({ example: 'DC-RENO' }) locationId!: string;
  @ApiProperty({ example: 'WAREHOUSE' }) locationType!: string;
  @ApiProperty({ description: 'False when neither ERP nor WMS reported the SKU here (unknown, counted as 0).' }) known!: boolean;
  @ApiProperty() onHand!: number;
  @ApiProperty() allocated!: number;
  @ApiProperty() qualityHold!: number;
  @ApiProperty({ description: 'Open hub reservations of every channel account.' }) reserved!: number;
  @ApiProperty() inboundCounted!: number;
  @ApiProperty({ description: 'max(0, onHand - allocated - qualityHold - reserved + inboundCounted)' }) sellableQuantity!: number;
  @ApiProperty({ description: "What this channel account may sell here, after other accounts' ring-fences." }) availableToChannel!: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'ISO time the figures were true at the source.' }) asOf!:
    string | null;
}

export class ChannelAvailabilityDto {
  @ApiProperty({ example: 'TENT-ULTRA-2P' }) sku!: string;
  @ApiProperty({ example: 'amazon-us' }) channelAccountId!: string;
  @ApiProperty({ example: 'AMAZON' }) channel!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Set when the figure is for one location: its availableToChannel, before network-level deductions.',
  })
  locationId!: string | null;
  @ApiProperty({ description: 'Quantity the channel may sell; never negative.' }) sellableQuantity!: number;
  @ApiProperty({ format: 'date-time', description: 'ISO time of the oldest position the figure is based on.' }) asOf!: string;
  @ApiProperty({ format: 'date-time', description: 'ISO time the figure was computed (now: answered from the cache).' }) computedAt!: string;
  @ApiProperty() safetyStockApplied!: number;
  @ApiProperty() bufferApplied!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Exposure cap or ring-fence limit, when one applied.' }) cap!: number | null;
  @ApiProperty({ example: '3' }) ruleSetVersion!: string;
  @ApiProperty({ type: [LocationAvailabilityDto] }) locations!: LocationAvailabilityDto[];
}

export class AvailabilityQueryDto {
  @ApiProperty({ ...ID_SCHEMA, example: 'TENT-ULTRA-2P' }) sku!: string;
  @ApiProperty({ ...ID_SCHEMA, example: 'amazon-us' }) channelAccountId!: string;
  @ApiPropertyOptional({ ...ID_SCHEMA, example: 'DC-RENO' }) locationId?: string;
}

export class BatchAvailabilityRequestDto {
  @ApiProperty({ type: [AvailabilityQueryDto], minItems: 1, maxItems: BATCH_MAX_QUERIES }) queries!: AvailabilityQueryDto[];
}

export class QueryErrorDto {
  @ApiProperty({ example: 404 }) statusCode!: number;
  @ApiProperty({
    example: 'UNKNOWN_SKU',
    description: 'UNKNOWN_SKU, UNKNOWN_SKU_LOCATION, UNKNOWN_CHANNEL_ACCOUNT, UNKNOWN_LOCATION, LOCATION_NOT_SERVING_CHANNEL (404); CACHE_REBUILDING (503)',
  })
  code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({
    example: 'channelAccountId',
    description: 'The parameter at fault (`queries.3.channelAccountId` in a batch), for an unknown channel account or location.',
  })
  parameter?: string;
}

export class BatchAvailabilityResultDto {
  @ApiProperty({ enum: [200, 404], example: 200, description: 'Per-query status: 200 with availability, or 404 with error.' }) status!: number;
  @ApiPropertyOptional({ type: ChannelAvailabilityDto }) availability?: ChannelAvailabilityDto;
  @ApiPropertyOptional({ type: QueryErrorDto }) error?: QueryErrorDto;
}

export class BatchAvailabilityResponseDto {
  @ApiProperty({ type: [BatchAvailabilityResultDto], description: 'One result per query, in request order.' })
  results!: BatchAvailabilityResultDto[];
}
