import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

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
  @ApiProperty({ description: 'What this channel account may sell here, after other accounts\' ring-fences.' }) availableToChannel!: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'ISO time the figures were true at the source.' }) asOf!: string | null;
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
  @ApiProperty({ description: 'ISO time of the oldest position the figure is based on.' }) asOf!: string;
  @ApiProperty({ description: 'ISO time the figure was computed (now: answered from the cache).' }) computedAt!: string;
  @ApiProperty() safetyStockApplied!: number;
  @ApiProperty() bufferApplied!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Exposure cap or ring-fence limit, when one applied.' }) cap!: number | null;
  @ApiProperty({ example: '3' }) ruleSetVersion!: string;
  @ApiProperty({ type: [LocationAvailabilityDto] }) locations!: LocationAvailabilityDto[];
}

export class AvailabilityQueryDto {
  @ApiProperty({ example: 'TENT-ULTRA-2P' }) sku!: string;
  @ApiProperty({ example: 'amazon-us' }) channelAccountId!: string;
  @ApiPropertyOptional({ example: 'DC-RENO' }) locationId?: string;
}

export class BatchAvailabilityRequestDto {
  @ApiProperty({ type: [AvailabilityQueryDto], maxItems: 1000 }) queries!: AvailabilityQueryDto[];
}

export class QueryErrorDto {
  @ApiProperty({ example: 404 }) statusCode!: number;
  @ApiProperty({ example: 'UNKNOWN_SKU' }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ description: 'The offending parameter, for 400s.' }) parameter?: string;
}

export class BatchAvailabilityResultDto {
  @ApiProperty({ example: 200, description: 'Per-query status: 200 with availability, or 404 with error.' }) status!: number;
  @ApiPropertyOptional({ type: ChannelAvailabilityDto }) availability?: ChannelAvailabilityDto;
  @ApiPropertyOptional({ type: QueryErrorDto }) error?: QueryErrorDto;
}

export class BatchAvailabilityResponseDto {
  @ApiProperty({ type: [BatchAvailabilityResultDto], description: 'One result per query, in request order.' })
  results!: BatchAvailabilityResultDto[];
}
