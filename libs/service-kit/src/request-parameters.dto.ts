import { ApiProperty } from '@nestjs/swagger';

/** OpenAPI shapes of the 400 `parseOr400` answers (request-parameters.parser.ts). */
export class ParameterProblemDto {
  @ApiProperty({ example: 'limit', description: '`(request)` for the request as a whole' }) parameter!: string;
  @ApiProperty({ example: 'must be 1 to 500' }) message!: string;
}

/** `parseOr400(schema, input)`: a query parameter, body field or path parameter is invalid or unknown. */
export class InvalidParameterDto {
  @ApiProperty({ enum: [400] }) statusCode!: number;
  @ApiProperty({ enum: ['INVALID_PARAMETER'] }) code!: string;
  @ApiProperty({ example: 'limit', description: 'The first bad parameter: a body field path such as `ids.0`, an unknown parameter by its name' })
  parameter!: string;
  @ApiProperty({ example: 'limit: must be 1 to 500' }) message!: string;
  @ApiProperty({ type: [ParameterProblemDto], description: 'Every problem found' }) problems!: ParameterProblemDto[];
}

/** `parseOr400(schema, query, 'QUERY_INVALID')`: a query parameter is invalid. */
export class QueryInvalidDto {
  @ApiProperty({ enum: [400] }) statusCode!: number;
  @ApiProperty({ enum: ['QUERY_INVALID'] }) code!: string;
  @ApiProperty({ example: 'limit', description: 'The query parameter at fault' }) field!: string;
  @ApiProperty({ example: 'limit: must be 1 to 500' }) message!: string;
}
