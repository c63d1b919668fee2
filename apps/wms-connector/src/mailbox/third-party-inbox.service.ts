import { mkdir } from 'node:fs/promises';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { dropFolderLayout, mailboxRound, type DropFolders } from '@crossdock/edi/mailbox';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import { Leadership, Wakeable } from '@crossdock/outbox';
import type { ThirdPartyMailbox, WmsConnectorConfig } from '../config/wms-connector-config.schema';
import { PrismaService } from '../prisma/prisma.service';
import { mailboxMetrics } from './mailbox.metrics';
import { ThirdPartyFileProcessor, type ThirdPartyFileResult } from './third-party-file.processor';
import { ThirdPartyMailboxes } from './third-party.mailboxes';

/** The advisory lock of the 3PL mailbox reader. */
const THIRD_PARTY_INBOX_LOCK_ID = 7_310_102;

/**
 * Reads every 3PL's inbound folder each `RELEASE_POLL_MS`: its 997s and 945s, one file at a time,
 * oldest first (`mailboxRound`), from one instance of the service at a time (a leader lock: the
 * files another reader claimed into work/ would look like a crashed reader's leftovers).
 * A mailbox that cannot be read (its share is down) is logged and tried again next round; the
 * others go on.
 */
@Injectable()
export class ThirdPartyInboxService extends Wakeable implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running: Promise<void> | undefined;
  private readonly folders: ReadonlyMap<string, DropFolders>;

  private readonly leadership: Leadership;

  constructor(
    private readonly mailboxes: ThirdPartyMailboxes,
    private readonly processor: ThirdPartyFileProcessor,
    prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: WmsConnectorConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {
    super();
    this.folders = new Map(mailboxes.all().map((box) => [box.locationId, dropFolderLayout(box.inboundDir, box.outboundDir)]));
    this.leadership = new Leadership(prisma.sql, THIRD_PARTY_INBOX_LOCK_ID, { checkEveryMs: Math.max(1_000, config.RELEASE_POLL_MS * 4) });
  }

  onApplicationBootstrap(): void {
    if (this.folders.size > 0) this.running ??= this.loop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      if (await this.leads()) {
        for (const mailbox of this.mailboxes.all()) {
          if (this.stopping) break;
          await this.read(mailbox);
        }
      }
      await this.sleep(this.config.RELEASE_POLL_MS);
    }
    this.leadership.resign();
  }

  /** Whether this instance reads the mailboxes now: a claimed file in work/ is taken as a crashed reader's, so one reader runs at a time. */
  private async leads(): Promise<boolean> {
    try {
      return (await this.leadership.lead()) !== null;
    } catch (error) {
      this.logger.warn({ err: error }, '3PL mailbox reader could not check its leader lock; trying again next round');
      return false;
    }
  }

  private async read(mailbox: ThirdPartyMailbox): Promise<void> {
    const folders = this.folders.get(mailbox.locationId);
    if (!folders) return;
    try {
      // Not the outbound folder: a 3PL share that is down must not stop its inbound files.
      for (const dir of [folders.inbox, folders.work, folders.processed, folders.rejected]) await mkdir(dir, { recursive: true });
      await mailboxRound(folders, async (workPath) => this.report(mailbox, await this.processor.process(mailbox, folders, workPath)));
    } catch (error) {
      this.logger.warn({ err: error, locationId: mailbox.locationId }, '3PL mailbox round failed; the file stays claimed for the next round');
    }
  }

  private report(mailbox: ThirdPartyMailbox, result: ThirdPartyFileResult): void {
    if (result.disposition === 'WAITING') return;
    mailboxMetrics.files.inc({ location: mailbox.locationId, document: result.document ?? 'unknown', disposition: result.disposition });
    const log = {
      locationId: mailbox.locationId,
      file: result.file,
      document: result.document,
      disposition: result.disposition,
      archivedAs: result.archivedAs,
    };
    if (result.disposition === 'PROCESSED') this.logger.info(log, '3PL file processed');
    else
      this.logger.warn({ ...log, refusal: result.refusal, refused: result.advice?.kind === 'READ' ? result.advice.refused : undefined }, '3PL file rejected');
  }
}
