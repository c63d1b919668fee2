import { Controller, Get, HttpCode, Inject, Post, Query, ServiceUnavailableException, type Type } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FeedPoller, FeedStatus, SyncReport } from '@crossdock/connectors/domain';
import { ApiQueryFrom, InvalidParameterDto, parseOr400 } from '@crossdock/service-kit';
import { ConnectorStatusDto, RejectionListDto, ResyncFailedDto, ResyncResultDto } from './connector.dto';
import { CONNECTOR_FEEDS, REJECTION_LOG } from './connector.tokens';
import { rejectionQuerySchema, resyncQuerySchema, type RejectionLog, type RejectionView } from './rejection-log';

type FeedStatusView = Omit<FeedStatus, 'lastSuccessAt' | 'lastFailureAt' | 'nextPollAt'> & {
  /** Null before the first page, or while the database cannot be read (see lastError). */
  readonly cursor: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastFailureAt: string | null;
  readonly nextPollAt: string | null;
};

/**
 * Operations API of a connector whose feeds are `feedNames` (the OpenAPI document lists them, so
 * the controller is made per connector; the feeds it is given must be exactly those):
 *   GET  /status                           every feed: state, cursor, last error, totals
 *   POST /resync[?feed=]                    republish the source's snapshot (all feeds by default)
 *   GET  /rejections?feed=&status=&reason=&limit=   source records not published, with the reason
 */
export function connectorController(feedNames: readonly string[]): Type<unknown> {
  const rejectionQuery = rejectionQuerySchema(feedNames);
  const resyncQuery = resyncQuerySchema(feedNames);

  @ApiTags('connector')
  @Controller()
  class ConnectorController {
    constructor(
      @Inject(CONNECTOR_FEEDS) private readonly feeds: readonly FeedPoller[],
      @Inject(REJECTION_LOG) private readonly rejections: RejectionLog,
    ) {
      const given = feeds.map((poller) => poller.feed);
      if (given.join(',') !== feedNames.join(',')) throw new Error(`the connector documents feeds ${feedNames.join(', ')} but was given ${given.join(', ')}`);
    }

    @Get('status')
    @ApiOperation({ summary: 'Every feed: state, cursor, last error, totals' })
    @ApiOkResponse({ type: ConnectorStatusDto })
    async status(): Promise<{ feeds: FeedStatusView[] }> {
      return {
        feeds: await Promise.all(
          this.feeds.map(async (poller) => {
            const status = poller.status();
            // The status must answer while the database is away: that is when operators look at it.
            const cursor = await poller.cursor().catch(() => null);
            return {
              ...status,
              cursor,
              lastSuccessAt: iso(status.lastSuccessAt),
              lastFailureAt: iso(status.lastFailureAt),
              nextPollAt: iso(status.nextPollAt),
            };
          }),
        ),
      };
    }

    @Post('resync')
    @HttpCode(200)
    @ApiOperation({ summary: "Republish the source's snapshot of one feed, or of every feed" })
    @ApiQueryFrom(resyncQuery)
    @ApiOkResponse({ type: ResyncResultDto })
    @ApiBadRequestResponse({ type: InvalidParameterDto, description: 'A parameter is invalid or unknown; `parameter` names it' })
    @ApiServiceUnavailableResponse({ type: ResyncFailedDto, description: 'The source could not be read; `completed` lists the feeds resynced before' })
    async resync(@Query() query: Record<string, unknown>): Promise<{ reports: SyncReport[] }> {
      const { feed } = parseOr400(resyncQuery, query);
      const reports: SyncReport[] = [];
      for (const poller of this.feeds.filter((p) => feed === undefined || p.feed === feed)) {
        try {
          reports.push(await poller.resync());
        } catch (error) {
          throw new ServiceUnavailableException({
            statusCode: 503,
            code: 'SOURCE_UNAVAILABLE',
            feed: poller.feed,
            message: `resync of ${poller.feed} failed: ${error instanceof Error ? error.message : String(error)}`,
            completed: reports,
          });
        }
      }
      return { reports };
    }

    @Get('rejections')
    @ApiOperation({ summary: 'Source records the connector did not publish, with the reason' })
    @ApiQueryFrom(rejectionQuery)
    @ApiOkResponse({ type: RejectionListDto })
    @ApiBadRequestResponse({ type: InvalidParameterDto, description: 'A parameter is invalid or unknown; `parameter` names it' })
    async list(@Query() query: Record<string, unknown>): Promise<{ rejections: RejectionView[]; count: number }> {
      const filter = parseOr400(rejectionQuery, query);
      const rejections = await this.rejections.list(filter);
      return { rejections, count: rejections.length };
    }
  }
  return ConnectorController;
}

function iso(millis: number | null): string | null {
  return millis === null ? null : new Date(millis).toISOString();
}
