import { ApiProperty } from '@nestjs/swagger';
import { ReleaseRecordStatuses } from '@crossdock/connectors/domain';

export class ReleaseViewDto {
  @ApiProperty({ example: 'SHOPIFY:acme:1001@DC-RENO' }) releaseId!: string;
  @ApiProperty({ enum: ['RELEASE', 'CANCEL'] }) action!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty({ example: 'DC-RENO' }) locationId!: string;
  @ApiProperty({ enum: ['WAREHOUSE', 'THIRD_PARTY_LOGISTICS'] }) locationType!: string;
  @ApiProperty({ enum: ReleaseRecordStatuses }) status!: string;
  @ApiProperty({ description: "Attempts to reach the location's system" }) attempts!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt did not reach the system (while QUEUED)' }) lastError!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "WMS request id, or the 940's control numbers" }) warehouseReference!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'ALREADY_PICKED' }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) detail!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt!: string | null;
}

export class LocationDispatchDto {
  @ApiProperty({ example: 'DC-RENO' }) locationId!: string;
  @ApiProperty({ description: 'Attempts in a row its system did not answer' }) failures!: number;
  @ApiProperty({ type: String, format: 'date-time' }) nextAttemptAt!: string;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
}

export class ReleaseListDto {
  @ApiProperty({ type: [ReleaseViewDto] }) releases!: ReleaseViewDto[];
  @ApiProperty() count!: number;
  @ApiProperty({ type: [LocationDispatchDto], description: "Each location's dispatch state as this instance knows it" }) locations!: LocationDispatchDto[];
}
