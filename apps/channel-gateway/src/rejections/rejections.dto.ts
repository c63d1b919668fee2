import { ApiProperty } from '@nestjs/swagger';

export class RecordedRejectionDto {
  @ApiProperty({ example: 'AMAZON' }) channel!: string;
  @ApiProperty({ example: 'amazon-us' }) channelAccountId!: string;
  @ApiProperty({ type: String, nullable: true }) channelOrderId!: string | null;
  @ApiProperty({ description: 'The refused document (poll page entry, EDI file)' }) documentRef!: string;
  @ApiProperty({ example: 'FIELD_MISSING' }) code!: string;
  @ApiProperty({ type: String, nullable: true }) field!: string | null;
  @ApiProperty() message!: string;
  @ApiProperty({ format: 'date-time' }) rejectedAt!: string;
}

export class RejectionListDto {
  @ApiProperty({ type: [RecordedRejectionDto], description: 'Newest first' }) rejections!: RecordedRejectionDto[];
}
