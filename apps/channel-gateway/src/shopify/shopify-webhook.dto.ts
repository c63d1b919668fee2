import { ApiProperty } from '@nestjs/swagger';

export class WebhookPublishedDto {
  @ApiProperty({ enum: ['published'] }) status!: string;
  @ApiProperty({ example: 'SHOPIFY:acme-outdoor:5533284548710' }) orderId!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ enum: ['CREATED', 'CANCELLED'] }) eventType!: string;
}

/** A refusal: `code` and `field` say what to fix (the adapter's reason codes). */
export class WebhookRejectedDto {
  @ApiProperty({ enum: ['rejected'] }) status!: string;
  @ApiProperty({ example: 'SIGNATURE_INVALID' }) code!: string;
  @ApiProperty({ type: String, nullable: true, example: 'header:X-Shopify-Hmac-Sha256' }) field!: string | null;
  @ApiProperty() message!: string;
  @ApiProperty({ type: String, nullable: true }) channelOrderId!: string | null;
}

export class WebhookUnavailableDto {
  @ApiProperty({ enum: ['unavailable'] }) status!: string;
  @ApiProperty({ enum: ['PUBLISH_FAILED'] }) code!: string;
  @ApiProperty() message!: string;
}
