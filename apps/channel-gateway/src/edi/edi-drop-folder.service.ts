import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { dropFolderLayout, ensureFolders, mailboxRound, type DropFolders } from '@crossdock/edi/mailbox';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import { Leadership } from '@crossdock/outbox';
import { ChannelAccounts, SourceFormat } from '../config/channel-accounts';
import type { ChannelGatewayConfig } from '../config/channel-gateway-config.schema';
import { gatewayMetrics, pollRoundMetrics } from '../metrics/channel-gateway.metrics';
import { PollLoop } from '../polling/poll-loop';
import { PrismaService } from '../prisma/prisma.service';
import { ChannelOrderPublisher } from '../publishing/channel-order.publisher';
import { EdiAcknowledgementRepository } from './edi-acknowledgement.repository';
import { EdiFileProcessor, type EdiFileResult } from './edi-file.processor';

const MAX_BACKOFF_MS = 60_000;
/** The advisory lock of the drop-folder reader: one instance reads the folder at a time. */
const EDI_DROP_FOLDER_LOCK_ID = 7_310_301;

export function dropFolders(config: ChannelGatewayConfig): DropFolders | null {
  const inbox = config.EDI_INBOX_DIR;
  if (inbox === undefined || config.EDI_OUTBOX_DIR === undefined) return null;
  return dropFolderLayout(inbox, config.EDI_OUTBOX_DIR, { processed: config.EDI_PROCESSED_DIR, rejected: config.EDI_REJECTED_DIR });
}

/**
 * Watches the EDI inbox by polling it (file-system events are unreliable on network shares, where
 * partner drop folders usually live), from one instance of the service at a time (a leader lock). Files left in the work folder by a crash go first; then new
 * complete files are claimed and handled one at a time, oldest first. A bad file is a rejected
 * file, never an error; an error (Kafka, database, disk) leaves the file claimed and the loop
 * retries it after a backoff.
 */
@Injectable()
export class EdiDropFolderService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private loop: PollLoop | undefined;

  constructor(
    private readonly accounts: ChannelAccounts,
    private readonly acks: EdiAcknowledgementRepository,
    private readonly publisher: ChannelOrderPublisher,
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: ChannelGatewayConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const folders = dropFolders(this.config);
    if (folders === null) {
      const partners = this.accounts.withFormat(SourceFormat.x12);
      if (partners.length > 0)
        this.logger.warn(
          { accounts: partners.map((m) => m.channelAccountId) },
          'EDI trading partners configured but EDI_INBOX_DIR is not set: no drop folder watched',
        );
      return;
    }
    const processor = new EdiFileProcessor({ partners: () => this.accounts.withFormat(SourceFormat.x12), acks: this.acks, publisher: this.publisher, folders });
    let prepared = false;
    const rounds = pollRoundMetrics('edi:drop-folder');
    this.loop = new PollLoop({
      policy: { intervalMs: this.config.EDI_POLL_MS, initialBackoffMs: this.config.EDI_POLL_MS, maxBackoffMs: MAX_BACKOFF_MS },
      round: async () => {
        if (!prepared) await ensureFolders(folders);
        prepared = true;
        await mailboxRound(folders, async (workPath) => this.report(await processor.process(workPath)));
      },
      onSuccess: rounds.succeeded,
      onFailure: (error, failures, retryInMs) => {
        rounds.failed(failures);
        this.logger.error({ err: error, consecutiveFailures: failures, retryInMs }, 'EDI drop-folder round failed; the file stays claimed and is retried');
      },
      // Files in the work folder are taken as a crashed reader's leftovers: only one reader may run.
      leadership: new Leadership(this.prisma.sql, EDI_DROP_FOLDER_LOCK_ID, { checkEveryMs: Math.max(1_000, this.config.EDI_POLL_MS * 4) }),
    });
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }

  private report(result: EdiFileResult): void {
    gatewayMetrics.ediFiles.inc({ disposition: result.disposition });
    if (result.publishedOrderIds.length > 0) gatewayMetrics.deliveries.inc({ channel: 'EDI', outcome: 'published' }, result.publishedOrderIds.length);
    for (const rejection of result.rejections) {
      gatewayMetrics.deliveries.inc({ channel: 'EDI', outcome: 'rejected' });
      gatewayMetrics.rejections.inc({ channel: 'EDI', code: rejection.code });
    }
    const level = result.disposition === 'PROCESSED' ? 'info' : 'warn';
    this.logger[level]({ ...result }, `EDI file ${result.file}: ${result.disposition}`);
  }
}
