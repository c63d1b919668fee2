import { createHash } from 'node:crypto';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { AmazonOrderPoller } from '@crossdock/channel-adapters';
import { SpApiError } from '@crossdock/channel-adapters/sp-api';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import { Leadership } from '@crossdock/outbox';
import { ChannelAccounts, SourceFormat } from '../config/channel-accounts';
import type { ChannelGatewayConfig } from '../config/channel-gateway-config.schema';
import { gatewayMetrics, pollRoundMetrics } from '../metrics/channel-gateway.metrics';
import { PollLoop } from '../polling/poll-loop';
import { PrismaService } from '../prisma/prisma.service';
import { ChannelOrderPublisher } from '../publishing/channel-order.publisher';
import { ChannelRejectionRepository } from '../rejections/channel-rejection.repository';
import { AmazonBatchEmitter } from './amazon-batch.emitter';
import { PrismaAmazonCursorStore } from './amazon-cursor.store';
import { spApiOrdersPort, spApiTokens } from './sp-api-port.factory';

/** The advisory lock of one account's poller: the same on every instance whatever their configuration's order. */
function amazonPollerLockId(channelAccountId: string): number {
  return 7_320_000_000 + (createHash('sha256').update(channelAccountId).digest().readUInt32BE(0) % 1_000_000);
}

/**
 * One SP-API poll loop per Amazon account (when SP_API_ENDPOINT is set), run by one instance of the
 * service at a time (a leader lock per account). The library poller does
 * the windowing, dedupe and cursor discipline; this wires it to HTTP, Kafka and Postgres and keeps
 * it running through outages: an SP-API error, a Kafka or database failure only delays the next
 * round, and the cursor stays where the last acknowledged batch left it.
 */
@Injectable()
export class AmazonPollingService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loops: PollLoop[] = [];

  constructor(
    private readonly accounts: ChannelAccounts,
    private readonly prisma: PrismaService,
    private readonly publisher: ChannelOrderPublisher,
    private readonly rejections: ChannelRejectionRepository,
    @Inject(APP_CONFIG) private readonly config: ChannelGatewayConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const accounts = this.accounts.withFormat(SourceFormat.amazon);
    if (this.config.SP_API_ENDPOINT === undefined) {
      if (accounts.length > 0)
        this.logger.warn({ accounts: accounts.map((m) => m.channelAccountId) }, 'Amazon accounts configured but SP_API_ENDPOINT is not set: not polling');
      return;
    }
    const tokens = spApiTokens(this.config);
    const startedAt = Date.now();
    for (const mapping of accounts) {
      const account = mapping.channelAccountId;
      const rounds = pollRoundMetrics(`amazon:${account}`);
      const poller = new AmazonOrderPoller({
        api: spApiOrdersPort(this.config, mapping, tokens),
        cursors: new PrismaAmazonCursorStore(this.prisma, account),
        emit: new AmazonBatchEmitter(account, this.publisher, this.rejections, this.logger).emit,
        context: { mapping },
        initialWatermark: new Date(startedAt - this.config.AMAZON_INITIAL_LOOKBACK_MS).toISOString(),
        overlapMs: this.config.AMAZON_OVERLAP_MS,
        settleMs: this.config.AMAZON_SETTLE_MS,
        batchSize: this.config.AMAZON_BATCH_SIZE,
      });
      const loop = new PollLoop({
        policy: {
          intervalMs: this.config.AMAZON_POLL_INTERVAL_MS,
          initialBackoffMs: this.config.AMAZON_BACKOFF_INITIAL_MS,
          maxBackoffMs: this.config.AMAZON_BACKOFF_MAX_MS,
        },
        round: async () => {
          const report = await poller.pollOnce();
          gatewayMetrics.amazonWatermarkAge.set({ account }, (Date.now() - Date.parse(report.cursor.watermark)) / 1000);
          if (report.emitted > 0) this.logger.info({ channelAccountId: account, ...report, cursor: report.cursor.watermark }, 'Amazon orders polled');
        },
        onSuccess: rounds.succeeded,
        onFailure: (error, failures, retryInMs) => {
          rounds.failed(failures);
          this.logger.warn(
            { err: error, channelAccountId: account, consecutiveFailures: failures, retryInMs },
            'Amazon poll failed; cursor unchanged, retrying',
          );
        },
        retryAfterOf: (error) => (error instanceof SpApiError ? error.retryAfterMs : null),
        // One poller per seller across instances: SP-API's getOrders rate limit is the seller's, not ours.
        leadership: new Leadership(this.prisma.sql, amazonPollerLockId(account), {
          checkEveryMs: Math.max(1_000, this.config.AMAZON_POLL_INTERVAL_MS * 4),
        }),
      });
      this.loops.push(loop);
      loop.start();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.stop()));
  }
}
