import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ChannelRejectionRepository, type RecordedRejection } from './channel-rejection.repository';

const MAX_LIMIT = 500;

/**
 * Polled channel documents the gateway refused (webhooks were answered 4xx, EDI files sit in the
 * rejected folder with their reason): what operations fix at the source.
 */
@Controller('rejections')
export class RejectionsController {
  constructor(private readonly rejections: ChannelRejectionRepository) {}

  @Get()
  async list(
    @Query('channel') channel?: string,
    @Query('channelAccountId') channelAccountId?: string,
    @Query('limit') limit?: string,
  ): Promise<{ rejections: RecordedRejection[] }> {
    const take = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(take) || take < 1 || take > MAX_LIMIT) {
      throw new BadRequestException({ statusCode: 400, code: 'QUERY_INVALID', field: 'limit', message: `limit must be a whole number from 1 to ${MAX_LIMIT}` });
    }
    return { rejections: await this.rejections.list({ ...(channel ? { channel: channel.toUpperCase() } : {}), ...(channelAccountId ? { channelAccountId } : {}), limit: take }) };
  }
}
