import { ApiProperty } from '@nestjs/swagger';

export class RecordedWebhookRejectionDto {
  @ApiProperty({ example: 'easypost' }) provider!: string;
  @ApiProperty({ type: String, nullable: true, example: 'evt_80ebb94e4e3f11eda77a7d968ee85915' }) sourceEventId!: string | null;
  @ApiProperty({ example: 'FIELD_MISSING' }) code!: string;
  @ApiProperty({ example: 'result.tracking_code' }) field!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ format: 'byte', description: 'The body exactly as received' }) bodyBase64!: string;
  @ApiProperty() bodyBytes!: number;
  @ApiProperty({ description: 'Deliveries of these same bytes (the provider retries a 400)' }) deliveries!: number;
  @ApiProperty({ format: 'date-time' }) firstAt!: string;
  @ApiProperty({ format: 'date-time' }) lastAt!: string;
}

export class WebhookRejectionListDto {
  @ApiProperty({ type: [RecordedWebhookRejectionDto], description: 'Most recently delivered first' }) rejections!: RecordedWebhookRejectionDto[];
}
