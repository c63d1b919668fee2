import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';

/**
 * Nest's own 400, for a request that never reached the handler: a JSON body that does not parse
 * (or is not an object or array: the JSON parser is strict), or a path parameter with a broken
 * %-escape (`/exceptions/%FF/replays`).
 */
export class UnreadableRequestDto {
  @ApiProperty({ enum: [400] }) statusCode!: number;
  @ApiProperty({ enum: ['Bad Request'] }) error!: string;
  @ApiProperty({ example: "Failed to decode param '%FF'" }) message!: string;
}

const UNREADABLE = 'a JSON body that does not parse, or a path parameter with a broken %-escape';

/**
 * The 400 of an operation that reads a JSON body or a path parameter: the handler's own refusal
 * (`handlerError`, `description`) or Nest's when it could not read the request; without
 * `handlerError`, only Nest's.
 */
export function ApiBadRequestOrUnreadable(handlerError?: Type<unknown>, description?: string): MethodDecorator & ClassDecorator {
  const unreadable = `Nest could not read the request (${UNREADABLE}): its own shape`;
  if (handlerError === undefined) return ApiBadRequestResponse({ type: UnreadableRequestDto, description: unreadable });
  return applyDecorators(
    ApiExtraModels(handlerError, UnreadableRequestDto),
    ApiBadRequestResponse({
      description: `${description ?? 'The handler refused the request'}; or ${unreadable}`,
      schema: { anyOf: [{ $ref: getSchemaPath(handlerError) }, { $ref: getSchemaPath(UnreadableRequestDto) }] },
    }),
  );
}
