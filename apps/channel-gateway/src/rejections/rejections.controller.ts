import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiQueryFrom, limitParameter, parseOr400, QueryInvalidDto } from '@crossdock/service-kit';
import { ChannelRejectionRepository } from './channel-rejection.repository';
import { RejectionListDto } from './rejections.dto';

const MAX_LIMIT = 500;

// The OpenAPI document is generated from this schema (ApiQueryFrom): what it says is what is enforced.
export const rejectionQuerySchema = z.object({
  channel: z.string().optional().describe('SHOPIFY, AMAZON, EDI (any letter case); empty: every channel'),
  channelAccountId: z.string().optional().describe('empty: every account'),
  limit: limitParameter(MAX_LIMIT).describe(`newest first, at most ${MAX_LIMIT}`),
});

/**
 * Polled channel documents the gateway refused (webhooks were answered 4xx, EDI files sit in the
 * rejected folder with their reason): what operations fix at the source.
 */
@ApiTags('rejections')
@Controller('rejections')
export class RejectionsController {
  constructor(private readonly rejections: ChannelRejectionRepository) {}

  @Get()
  @ApiOperation({ summary: 'Polled channel documents the gateway refused, with the reason, newest first' })
  @ApiQueryFrom(rejectionQuerySchema)
  @ApiOkResponse({ type: RejectionListDto })
  @ApiBadRequestResponse({ type: QueryInvalidDto, description: 'A query parameter is invalid; `field` names it' })
  async list(@Query() query: Record<string, unknown>): Promise<RejectionListDto> {
    const { channel, channelAccountId, limit } = parseOr400(rejectionQuerySchema, query, 'QUERY_INVALID');
    return {
      rejections: await this.rejections.list({
        ...(channel ? { channel: channel.toUpperCase() } : {}),
        ...(channelAccountId ? { channelAccountId } : {}),
        limit,
      }),
    };
  }
}
