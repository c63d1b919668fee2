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
  @ApiProperty({ format: 'date-time', description: 'When the order entered this state (ISO 8601)' }) since!: string;
  @ApiProperty() ageSeconds!: number;
  @ApiProperty({ description: 'Duplicate deliveries suppressed for this order' }) duplicateCount!: number;
}

export class ExceptionListDto {
  @ApiProperty({ type: [ExceptionOrderDto] }) orders!: ExceptionOrderDto[];
  @ApiProperty({ description: 'Matching orders in total (the list is capped by limit)' }) total!: number;
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

export class ReplayAuditDto {
  @ApiProperty({ example: '17', description: 'Audit entry id (a decimal string)' }) id!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty() stateBefore!: string;
  @ApiProperty() stateAfter!: string;
  @ApiProperty({ type: [String] }) reasonCodesBefore!: string[];
  @ApiProperty({ type: [String] }) reasonCodesAfter!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Reference-data revisions the replay evaluated with' }) referenceRevisions!: unknown;
  @ApiProperty({ example: 'REEVALUATED' }) result!: string;
}

export class ReplayAuditListDto {
  @ApiProperty({ type: [ReplayAuditDto], description: 'Oldest first' }) replays!: ReplayAuditDto[];
}
