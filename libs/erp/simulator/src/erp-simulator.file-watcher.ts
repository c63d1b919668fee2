import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { archive, readIfExists, writeFileAtomically } from '@crossdock/erp/client';
import {
  type Acknowledgement,
  ackFileName,
  formatAck,
  formatShipConfirmationAck,
  IMPORT_FILE_PATTERN,
  ImportFormatError,
  parseImportFile,
  parseShipConfirmationFile,
  type ShipConfirmationAck,
} from '@crossdock/erp/domain';
import type { SimulatedErp } from './simulated-erp';

export interface FileSimulator {
  readonly dropDir: string;
  readonly ackDir: string;
  /** Processes whatever is in the drop folder now (tests call it instead of waiting for the poll). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The legacy ERP's import job: polls the drop folder, books each ORDIMP file (orders, cancels) and
 * posts each SHPCNF file (ship confirmations, as goods issues) in name order, moves it to
 * `processed/` and writes an acknowledgement (atomically) into the ack folder. During an outage
 * it does nothing at all — files just wait, as they do when a real import job is stopped. Over quota
 * it refuses the file with a BUSY acknowledgement (the sender must resubmit).
 */
export async function startFileSimulator(erp: SimulatedErp, options: { dropDir: string; ackDir: string; pollMs?: number | undefined }): Promise<FileSimulator> {
  const { dropDir, ackDir } = options;
  await Promise.all([mkdir(dropDir, { recursive: true }), mkdir(ackDir, { recursive: true })]);
  let running = true;
  let pass: Promise<void> = Promise.resolve();

  const processFile = async (name: string): Promise<void> => {
    const path = join(dropDir, name);
    const content = await readIfExists(path);
    if (content === null) return;
    const stem = name.slice(0, name.lastIndexOf('.'));
    if (stem.startsWith('SHPCNF_')) return processShipConfirmation(path, name, stem, content);
    const ack = (fields: Omit<Acknowledgement, 'message'> & { message?: string }) => formatAck({ message: '', ...fields });
    await sleep(erp.latencyMs);

    let parsed;
    try {
      parsed = parseImportFile(content);
    } catch (error) {
      if (!(error instanceof ImportFormatError)) throw error;
      await archive(path, join(dropDir, 'processed'), name);
      await writeAck(
        stem,
        ack({
          externalId: '',
          status: 'REJECTED',
          erpOrderNumber: null,
          retryAfterSeconds: null,
          message: error.message,
        }),
      );
      return;
    }
    const externalId = parsed.kind === 'ORDER' ? parsed.order.externalId : parsed.externalId;
    const admission = erp.admit();
    if (admission.kind === 'OUTAGE') return; // import job stopped: leave the file where it is
    // Moved before acknowledging, so a sender that sees the acknowledgement never also sees the file pending.
    await archive(path, join(dropDir, 'processed'), `${stem}.${Date.now()}.${name.slice(-3)}`);
    if (admission.kind === 'THROTTLED') {
      await writeAck(
        stem,
        ack({
          externalId,
          status: 'BUSY',
          erpOrderNumber: null,
          retryAfterSeconds: admission.retryAfterSeconds,
          message: 'import quota exceeded, resubmit later',
        }),
      );
      return;
    }
    if (admission.kind === 'ERROR') {
      await writeAck(
        stem,
        ack({
          externalId,
          status: 'ERROR',
          erpOrderNumber: null,
          retryAfterSeconds: null,
          message: 'import job error (injected)',
        }),
      );
      return;
    }
    if (parsed.kind === 'CANCEL') {
      const result = erp.cancel(externalId);
      const erpOrderNumber = result.kind === 'NOT_FOUND' ? null : result.order.erpOrderNumber;
      await writeAck(
        stem,
        ack({
          externalId,
          status: result.kind,
          erpOrderNumber,
          retryAfterSeconds: null,
          message: result.kind === 'NOT_CANCELLABLE' ? 'order already shipped' : '',
        }),
      );
      return;
    }
    const result = erp.upsert(parsed.order, 'FILE');
    if (result.kind === 'INVALID') {
      const message = result.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      await writeAck(stem, ack({ externalId, status: 'REJECTED', erpOrderNumber: null, retryAfterSeconds: null, message }));
      return;
    }
    await writeAck(stem, ack({ externalId, status: result.kind, erpOrderNumber: result.order.erpOrderNumber, retryAfterSeconds: null }));
  };

  /** A ship confirmation: the same gatekeeping as an order, then a goods issue and an SCA acknowledgement. */
  const processShipConfirmation = async (path: string, name: string, stem: string, content: string): Promise<void> => {
    const ack = (fields: Omit<ShipConfirmationAck, 'goodsIssueNumber' | 'postedAt' | 'retryAfterSeconds' | 'message'> & Partial<ShipConfirmationAck>) =>
      formatShipConfirmationAck({ goodsIssueNumber: null, postedAt: null, retryAfterSeconds: null, message: '', ...fields });
    await sleep(erp.latencyMs);
    let parsed;
    try {
      parsed = parseShipConfirmationFile(content);
    } catch (error) {
      if (!(error instanceof ImportFormatError)) throw error;
      await archive(path, join(dropDir, 'processed'), name);
      await writeAck(stem, ack({ packageReference: '', status: 'REJECTED', message: error.message }));
      return;
    }
    const { packageReference } = parsed;
    const admission = erp.admit();
    if (admission.kind === 'OUTAGE') return;
    await archive(path, join(dropDir, 'processed'), `${stem}.${Date.now()}.shp`);
    if (admission.kind === 'THROTTLED') {
      const busy = {
        packageReference,
        status: 'BUSY',
        retryAfterSeconds: admission.retryAfterSeconds,
        message: 'import quota exceeded, resubmit later',
      } as const;
      await writeAck(stem, ack(busy));
      return;
    }
    if (admission.kind === 'ERROR') {
      await writeAck(stem, ack({ packageReference, status: 'ERROR', message: 'import job error (injected)' }));
      return;
    }
    const result = erp.goodsIssue(parsed, 'FILE');
    switch (result.kind) {
      case 'NOT_FOUND':
        await writeAck(stem, ack({ packageReference, status: 'NOT_FOUND', message: `no order ${parsed.orderId}` }));
        return;
      case 'INVALID':
        await writeAck(stem, ack({ packageReference, status: 'REJECTED', message: result.errors.map((e) => `${e.field}: ${e.message}`).join('; ') }));
        return;
      case 'CREATED':
      case 'DUPLICATE': {
        const { goodsIssueNumber, postedAt } = result.goodsIssue;
        await writeAck(stem, ack({ packageReference, status: result.kind, goodsIssueNumber, postedAt }));
        return;
      }
    }
  };

  const writeAck = (stem: string, content: string) => writeFileAtomically(ackDir, `.${ackFileName(stem)}.tmp`, ackFileName(stem), content);

  const runOnce = async (): Promise<void> => {
    const names = (await readdir(dropDir)).filter((n) => IMPORT_FILE_PATTERN.test(n)).sort();
    for (const name of names) await processFile(name);
  };

  const loop = async () => {
    while (running) {
      pass = runOnce();
      await pass.catch((error: unknown) => console.error('ERP file simulator pass failed', error));
      await sleep(options.pollMs ?? 20);
    }
  };
  const looping = loop();

  return {
    dropDir,
    ackDir,
    runOnce,
    stop: async () => {
      running = false;
      await looping;
    },
  };
}
