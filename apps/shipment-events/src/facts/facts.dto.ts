import { ApiProperty } from '@nestjs/swagger';

export class ShipmentFactDto {
  @ApiProperty({ example: 'warehouse:wms-main:WMS-EVT-884120', description: 'The business key the fact is applied once by' }) factId!: string;
  @ApiProperty({ enum: ['WAREHOUSE', 'TRACKING'] }) kind!: string;
  @ApiProperty({ description: 'The topic it came from' }) topic!: string;
  @ApiProperty({ description: 'eventId of the first delivery' }) eventId!: string;
  @ApiProperty({ type: String, nullable: true }) orderId!: string | null;
  @ApiProperty({ type: String, nullable: true }) carrierCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) trackingNumber!: string | null;
  @ApiProperty({ enum: ['APPLIED', 'WAITING', 'EXCEPTION'] }) status!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why it waits (a waiting reason) or is parked (an exception reason)' }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) detail!: string | null;
  @ApiProperty({ description: 'Further deliveries of the same business key, each without effect' }) duplicateCount!: number;
  @ApiProperty({ format: 'date-time' }) sourceOccurredAt!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

export class ShipmentFactListDto {
  @ApiProperty({ type: [ShipmentFactDto], description: 'In factId order' }) facts!: ShipmentFactDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page' }) next!: string | null;
}
