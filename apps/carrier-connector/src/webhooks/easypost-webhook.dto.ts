import { ApiProperty } from '@nestjs/swagger';

/** The update is stored (or was, for a redelivery) and will be published to the carrier-tracking topic. */
export class WebhookAcceptedDto {
  @ApiProperty({ enum: ['accepted', 'duplicate'], description: 'duplicate: this event id was accepted before; nothing was written again' })
  status!: string;
  @ApiProperty({ example: 'evt_80ebb94e4e3f11eda77a7d968ee85915' }) sourceEventId!: string;
  @ApiProperty({ format: 'uuid', description: "The TrackingUpdate's eventId" }) eventId!: string;
  @ApiProperty({ example: '9461200106068143633117' }) trackingCode!: string;
  @ApiProperty({ example: 'USPS' }) carrier!: string;
}

/** An Event that is not about a Tracker: acknowledged so EasyPost stops delivering it, recorded, not published. */
export class WebhookIgnoredDto {
  @ApiProperty({ enum: ['ignored'] }) status!: string;
  @ApiProperty() sourceEventId!: string;
  @ApiProperty({ example: 'batch.updated' }) description!: string;
  @ApiProperty() duplicate!: boolean;
}

/** A refusal: `code` and `field` say what to fix. */
export class WebhookRejectedDto {
  @ApiProperty({ enum: ['rejected'] }) status!: string;
  @ApiProperty({ example: 'FIELD_MISSING' }) code!: string;
  @ApiProperty({ example: 'result.tracking_code', description: '`header:X-Hmac-Signature`, `(body)` or the dotted field at fault' }) field!: string;
  @ApiProperty() message!: string;
}

export class WebhookUnavailableDto {
  @ApiProperty({ enum: ['unavailable'] }) status!: string;
  @ApiProperty({ enum: ['STORE_FAILED'] }) code!: string;
  @ApiProperty() message!: string;
}
