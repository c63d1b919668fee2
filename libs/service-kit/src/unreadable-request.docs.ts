import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';

/**
 * Nest's own 400, for a request that never reached the handler: a JSON body that does not parse
 * (or is not an object or array: the JSON parser is strict), or a path with a broken %-escape.
 */
export class UnreadableRequestDto {
  @ApiProperty({ enum: [400] }) statusCode!: number;
  @ApiProperty({ enum: ['Bad Request'] }) error!: string;
  @ApiProperty({ example: 'Unexpected token \'x\', "x" is not valid JSON' }) message!: string;
}

/** The 400 of an operation that reads a JSON body: the handler's own refusal, or Nest's when the body could not be read. */
export function ApiBadRequestWithBody(handlerError: Type<unknown>, description: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(handlerError, UnreadableRequestDto),
    ApiBadRequestResponse({
      description: `${description}; a body that is not a JSON object is refused before that, in Nest's own shape`,
      schema: { anyOf: [{ $ref: getSchemaPath(handlerError) }, { $ref: getSchemaPath(UnreadableRequestDto) }] },
    }),
  );
}
