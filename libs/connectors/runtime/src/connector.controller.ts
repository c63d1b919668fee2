import { Controller, Get, HttpCode, Inject, Post, Query, ServiceUnavailableException } from '@nestjs/common';
import type { FeedPoller, FeedStatus, SyncReport } from '@crossdock/connectors/domain';
import { CONNECTOR_FEEDS, REJECTION_LOG } from './connector.tokens';
import { parseOr400, rejectionQuerySchema, resyncQuerySchema, type RejectionLog, type RejectionView } from './rejection-log';

type FeedStatusView = Omit<FeedStatus, 'lastSuccessAt' | 'lastFailureAt' | 'nextPollAt'> & {
  /** Null before the first page, or while the database cannot be read (see lastError). */
  readonly cursor: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastFailureAt: string | null;
  readonly nextPollAt: string | null;
};

/**
 * Operations API of a connector:
 *   GET  /status                           every feed: state, cursor, last error, totals
 *   POST /resync[?feed=]                    republish the source's snapshot (all feeds by default)
 *   GET  /rejections?feed=&status=&reason=&limit=   source records not published, with the reason
 */
@Controller()
export class ConnectorController {
  private readonly names: string[];

  constructor(
    @Inject(CONNECTOR_FEEDS) private readonly feeds: readonly FeedPoller[],
    @Inject(REJECTION_LOG) private readonly rejections: RejectionLog,
  ) {
    this.names = feeds.map((poller) => poller.feed);
  }

  @Get('status')
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
  async resync(@Query() query: Record<string, unknown>): Promise<{ reports: SyncReport[] }> {
    const { feed } = parseOr400(resyncQuerySchema(this.names), query);
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
  async list(@Query() query: Record<string, unknown>): Promise<{ rejections: RejectionView[]; count: number }> {
    const filter = parseOr400(rejectionQuerySchema(this.names), query);
    const rejections = await this.rejections.list(filter);
    return { rejections, count: rejections.length };
  }
}

function iso(millis: number | null): string | null {
  return millis === null ? null : new Date(millis).toISOString();
}
