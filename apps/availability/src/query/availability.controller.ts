import { Body, Controller, Get, HttpCode, HttpException, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiBadRequestOrUnreadable, InvalidParameterDto, parseOr400 } from '@crossdock/service-kit';
import { AvailabilityQueryService } from './availability-query.service';
import { BatchAvailabilityRequestDto, BatchAvailabilityResponseDto, ChannelAvailabilityDto, ID_SCHEMA, QueryErrorDto } from './availability.dto';
import { answerGet } from './availability-read.path';
import { batchRequestSchema } from './query-params.parser';

@ApiTags('availability')
@ApiServiceUnavailableResponse({ type: QueryErrorDto, description: 'The inventory cache is still being rebuilt after a start (CACHE_REBUILDING).' })
@Controller('availability')
export class AvailabilityController {
  constructor(private readonly queries: AvailabilityQueryService) {}

  @Get()
  @ApiOperation({ summary: 'Sellable quantity of a SKU for a channel account, optionally at one location, from the cache' })
  @ApiQuery({ name: 'sku', required: true, schema: ID_SCHEMA })
  @ApiQuery({ name: 'channelAccountId', required: true, schema: ID_SCHEMA })
  @ApiQuery({ name: 'locationId', required: false, schema: ID_SCHEMA })
  @ApiOkResponse({ type: ChannelAvailabilityDto })
  @ApiBadRequestResponse({ type: InvalidParameterDto, description: 'A parameter is missing or invalid; `parameter` names it.' })
  @ApiNotFoundResponse({
    type: QueryErrorDto,
    description: 'No ERP or WMS position for the SKU (unknown is not zero), or a channel account or location that is not configured; `code` says which.',
  })
  // Served by availabilityReadPath in front of Nest (see there); this keeps the route documented and serves HEAD.
  sellable(@Query() query: Record<string, unknown>): ChannelAvailabilityDto {
    const answer = answerGet(this.queries, query);
    if (!answer.ok) throw new HttpException(answer.body, answer.status);
    return answer.body;
  }

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Many sellable quantities at once; unknown SKUs are per-result 404s' })
  @ApiBody({ type: BatchAvailabilityRequestDto })
  @ApiOkResponse({ type: BatchAvailabilityResponseDto })
  @ApiBadRequestOrUnreadable(InvalidParameterDto, 'A query is missing a field or invalid; `parameter` names it (`queries.3.sku`)')
  batch(@Body() body: unknown): BatchAvailabilityResponseDto {
    const { queries } = parseOr400(batchRequestSchema, body);
    return { results: queries.map((query, index) => this.queries.answer(query, `queries.${index}.`)) };
  }
}
