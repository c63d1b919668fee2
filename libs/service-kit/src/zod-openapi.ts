import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, type ApiBodyOptions } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

/**
 * The OpenAPI 3.0 schema of what a zod schema accepts: its input side (before defaults and
 * coercion), so the document states the bounds, enums and required fields the handler enforces,
 * from the very schema it parses with. A rule JSON Schema cannot say (a refinement) is left out of
 * the document: keep such rules out of request schemas, or the document promises more than is accepted.
 */
export function openApiSchemaOf(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'throw' }) as SchemaObject;
}

/** One @ApiQuery per property of the zod object a handler parses its query string with. */
export function ApiQueryFrom(schema: z.ZodObject): MethodDecorator & ClassDecorator {
  const object = openApiSchemaOf(schema);
  const required = new Set(object.required ?? []);
  return applyDecorators(
    ...Object.entries(object.properties ?? {}).map(([name, property]) => {
      const { description, ...rest } = property as SchemaObject;
      return ApiQuery({ name, required: required.has(name), schema: rest, ...(description ? { description } : {}) });
    }),
  );
}

/** The request body as the zod schema the handler parses it with. */
export function ApiBodyFrom(schema: z.ZodType, options: Omit<ApiBodyOptions, 'schema' | 'type'> = {}): MethodDecorator {
  return ApiBody({ ...options, schema: openApiSchemaOf(schema) } as ApiBodyOptions);
}
