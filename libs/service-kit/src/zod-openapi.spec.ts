import { Body, Controller, Get, Module, Param, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiBadRequestOrUnreadable } from './unreadable-request.docs';
import { ApiBodyFrom, ApiQueryFrom, openApiSchemaOf } from './zod-openapi';

const listQuery = z
  .object({
    status: z.enum(['HELD', 'REJECTED']).default('HELD').describe('which orders'),
    account: z.string().min(1),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
const replayBody = z.object({ requestedBy: z.string().min(1), orderIds: z.array(z.string().min(1)).min(1).max(500) }).strict();

class ProblemDto {}

@Controller('orders')
class OrdersController {
  @Get()
  @ApiQueryFrom(listQuery)
  list(@Query() query: unknown): unknown {
    return query;
  }

  @Get(':orderId')
  @ApiBadRequestOrUnreadable()
  one(@Param('orderId') orderId: string): unknown {
    return { orderId };
  }

  @Post('replay')
  @ApiBodyFrom(replayBody)
  @ApiBadRequestOrUnreadable(ProblemDto, 'the body is invalid')
  replay(@Body() body: unknown): unknown {
    return body;
  }
}

@Module({ controllers: [OrdersController] })
class OrdersModule {}

describe('OpenAPI from the zod schemas a handler parses with', () => {
  let document: OpenAPIObject;

  beforeAll(async () => {
    const app = await NestFactory.create(OrdersModule, { logger: false });
    document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.close();
  });

  it('states what the schema accepts on input: bounds, enums, defaults, required, no other fields', () => {
    expect(openApiSchemaOf(replayBody)).toEqual({
      type: 'object',
      properties: {
        requestedBy: { type: 'string', minLength: 1 },
        orderIds: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'string', minLength: 1 } },
      },
      required: ['requestedBy', 'orderIds'],
      additionalProperties: false,
    });
  });

  it('documents one query parameter per property, optional where the schema has a default', () => {
    expect(document.paths['/orders']?.get?.parameters).toEqual(
      expect.arrayContaining([
        { name: 'status', in: 'query', required: false, description: 'which orders', schema: { type: 'string', enum: ['HELD', 'REJECTED'], default: 'HELD' } },
        { name: 'account', in: 'query', required: true, schema: { type: 'string', minLength: 1 } },
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
      ]),
    );
    expect(document.paths['/orders']?.get?.parameters).toHaveLength(3);
  });

  it("documents the body, and a 400 that is either the handler's refusal or Nest's unreadable request", () => {
    const replay = document.paths['/orders/replay']?.post;
    expect(replay?.requestBody).toMatchObject({ content: { 'application/json': { schema: openApiSchemaOf(replayBody) } } });
    expect(replay?.responses['400']).toMatchObject({
      content: {
        'application/json': { schema: { anyOf: [{ $ref: '#/components/schemas/ProblemDto' }, { $ref: '#/components/schemas/UnreadableRequestDto' }] } },
      },
    });
    expect(document.components?.schemas?.['UnreadableRequestDto']).toMatchObject({ required: ['statusCode', 'error', 'message'] });
  });

  it("documents Nest's 400 alone for an operation whose handler refuses nothing", () => {
    expect(document.paths['/orders/{orderId}']?.get?.responses['400']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/UnreadableRequestDto' } } },
    });
  });
});
