import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiQueryFrom, InvalidParameterDto, limitParameter, parseOr400 } from '@crossdock/service-kit';
import { ShipmentFactListDto } from './facts.dto';
import { ShipmentFactQuery } from './shipment-fact.query';

const MAX_LIMIT = 1000;

// The OpenAPI document is generated from this schema (ApiQueryFrom): what it says is what is enforced.
export const factQuerySchema = z.object({
  status: z.enum(['APPLIED', 'WAITING', 'EXCEPTION']).optional().describe('Only facts in this state'),
  kind: z.enum(['WAREHOUSE', 'TRACKING']).optional().describe('Warehouse (WMS, 3PL 945) or carrier tracking facts'),
  orderId: z.string().min(1).max(200).optional().describe('Only the facts of this order'),
  eventId: z.string().min(1).max(200).optional().describe('The fact whose first delivery had this eventId'),
  receivedSince: z.iso.datetime({ offset: true }).optional().describe('Only facts received at or after this time'),
  after: z.string().max(400).optional().describe('`next` of the previous page: facts with a greater factId'),
  limit: limitParameter(MAX_LIMIT, 200).describe(`at most ${MAX_LIMIT}`),
});

/**
 * What became of every warehouse and carrier fact: applied, waiting for its order (with the
 * reason) or parked as an exception, and how many further deliveries of it had no effect.
 * Support answers "did the hub get the 945 / the scan?" here; the demo accounts for every fact.
 */
@ApiTags('facts')
@Controller('facts')
export class FactsController {
  constructor(private readonly facts: ShipmentFactQuery) {}

  @Get()
  @ApiOperation({ summary: 'Warehouse and carrier facts as received, with what became of each' })
  @ApiQueryFrom(factQuerySchema)
  @ApiOkResponse({ type: ShipmentFactListDto })
  @ApiBadRequestResponse({ type: InvalidParameterDto, description: 'A query parameter is invalid; `parameter` names it' })
  async list(@Query() query: Record<string, unknown>): Promise<ShipmentFactListDto> {
    const { receivedSince, limit, ...filter } = parseOr400(factQuerySchema, query);
    const facts = await this.facts.list({ ...filter, ...(receivedSince ? { receivedSince: new Date(receivedSince) } : {}), limit });
    return { facts, next: facts.length === limit ? (facts.at(-1)?.factId ?? null) : null };
  }
}
