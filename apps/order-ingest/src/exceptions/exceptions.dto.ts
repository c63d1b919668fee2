import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI shapes of the exception API (documentation only; requests are validated by zod). */
export class OrderIssueDto {
  @ApiProperty({ example: 'ITEM_UNMAPPED' }) reasonCode!: string;
  @ApiPropertyOptional({ example: 'lines[1].channelSku', nullable: true, type: String }) field!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lineId!: string | null;
  @ApiProperty() message!: string;
  @ApiProperty() retryable!: boolean;
}

export class ExceptionOrderDto {
  @ApiProperty({ example: 'SHOPIFY:acme-outdoor:5533284548710' }) orderId!: string;
  @ApiProperty({ example: 'SHOPIFY' }) channel!: string;
  @ApiProperty({ example: 'acme-outdoor' }) channelAccountId!: string;
  @ApiProperty() channelOrderId!: string;
  @ApiProperty({ enum: ['HELD', 'REJECTED', 'SUBMISSION_PENDING'] }) state!: string;
  @ApiProperty({ type: [String] }) reasonCodes!: string[];
  @ApiProperty({ type: [OrderIssueDto] }) issues!: OrderIssueDto[];
  @ApiProperty({ description: 'When the order entered this state (ISO 8601)' }) since!: string;
  @ApiProperty() ageSeconds!: number;
  @ApiProperty({ description: 'Duplicate deliveries suppressed for this order' }) duplicateCount!: number;
}

export class ExceptionListDto {
  @ApiProperty({ type: [ExceptionOrderDto] }) orders!: ExceptionOrderDto[];
  @ApiProperty({ description: 'Matching orders in total (the list is capped by limit)' }) total!: number;
}

export class ReplayRequestDto {
  @ApiProperty({ example: 'ops.jane@example.com', description: 'Operator asking for the replay (audited)' }) requestedBy!: string;
  @ApiPropertyOptional({ example: 'items.yaml revision 2026-11-28.1 maps SHOP-NEW-1' }) reason?: string;
  @ApiPropertyOptional({ type: [String], description: 'Orders to replay (batch endpoint only)' }) orderIds?: string[];
}

export class ReplayResultDto {
  @ApiProperty() orderId!: string;
  @ApiProperty({ enum: ['REEVALUATED', 'UNCHANGED', 'NOT_REPLAYABLE', 'NOT_FOUND'] }) result!: string;
  @ApiProperty() stateBefore!: string;
  @ApiProperty({ description: 'SUBMISSION_PENDING once released to the ERP queue' }) stateAfter!: string;
  @ApiProperty({ type: [String] }) reasonCodesBefore!: string[];
  @ApiProperty({ type: [String] }) reasonCodesAfter!: string[];
}

export class ReplayResponseDto {
  @ApiProperty({ type: [ReplayResultDto] }) results!: ReplayResultDto[];
}

export class ErpQueueDto {
  @ApiProperty() depth!: number;
  @ApiProperty() oldestAgeSeconds!: number;
  @ApiProperty({ description: 'Entries that failed at least once and wait for a retry' }) retrying!: number;
}
