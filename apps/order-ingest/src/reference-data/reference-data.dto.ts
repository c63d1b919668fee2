import { ApiProperty } from '@nestjs/swagger';

export class LoadedRevisionDto {
  @ApiProperty({ example: 'items' }) kind!: string;
  @ApiProperty({ example: '2026-11-28.1' }) revision!: string;
  @ApiProperty({ description: 'True when this reload stored the revision; false when the database already had it' }) stored!: boolean;
}

export class ReloadResultDto {
  @ApiProperty({ type: [LoadedRevisionDto] }) revisions!: LoadedRevisionDto[];
}

export class ReferenceDataInvalidDto {
  @ApiProperty({ enum: [400] }) statusCode!: number;
  @ApiProperty({ enum: ['REFERENCE_DATA_INVALID'] }) code!: string;
  @ApiProperty({ example: 'items.yaml', description: 'The file at fault' }) source!: string;
  @ApiProperty({ type: [String] }) problems!: string[];
}
