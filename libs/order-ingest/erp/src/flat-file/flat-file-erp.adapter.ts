import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { archive, exists, readIfExists, writeFileAtomically } from '@crossdock/erp/client';
import {
  type Acknowledgement,
  ackFileName,
  dataFileName,
  type ErpOrderPayload,
  ErpPermanentError,
  ErpTransientError,
  type FileKind,
  fileStem,
  formatCancelFile,
  formatOrderFile,
  ImportFormatError,
  parseAck,
  tempFileName,
} from '@crossdock/erp/domain';
import type { ErpCancellation, ErpOrderPort, ErpSubmission } from '@crossdock/order-ingest/domain';

export interface FlatFileErpAdapterOptions {
  readonly erpSystem: string;
  readonly dropDir: string;
  readonly ackDir: string;
  readonly ackTimeoutMs: number;
  readonly pollMs: number;
  /** Suggested retry delay when no acknowledgement came (the import job is down or behind). */
  readonly noAckRetryAfterMs: number;
  readonly clock?: () => number;
}

/**
 * Legacy ERP fed by ORDIMP flat files (see order-import.format.ts): writes one file per order or
 * cancellation into the drop folder atomically, then waits for the ERP's acknowledgement file.
 *
 * A resubmission is recognised by external id at three points, so a crash anywhere never books twice:
 * 1. an acknowledgement for the id is already waiting (we crashed after the ERP answered): use it;
 * 2. the id's file is still in the drop folder (the ERP has not picked it up): wait for it, do not
 *    write a second one;
 * 3. otherwise write the file; the ERP checks the external id (customer-reference uniqueness) and
 *    answers DUPLICATE with the existing order number.
 * A missing acknowledgement is transient (TIMEOUT): the file stays and the next attempt waits for it.
 */
export class FlatFileErpAdapter implements ErpOrderPort {
  readonly erpSystem: string;
  private readonly clock: () => number;

  constructor(private readonly options: FlatFileErpAdapterOptions) {
    this.erpSystem = options.erpSystem;
    this.clock = options.clock ?? Date.now;
  }

  async submit(payload: ErpOrderPayload): Promise<ErpSubmission> {
    let content: string;
    try {
      content = formatOrderFile(payload);
    } catch (error) {
      if (error instanceof ImportFormatError) throw new ErpPermanentError('VALIDATION', error.message);
      throw error;
    }
    const ack = await this.exchange('ORD', payload.externalId, content, (earlier) => earlier.status === 'CREATED' || earlier.status === 'DUPLICATE');
    switch (ack.status) {
      case 'CREATED':
      case 'DUPLICATE':
        if (!ack.erpOrderNumber) throw new ErpPermanentError('PROTOCOL', `acknowledgement ${ack.status} without an order number`);
        return { erpOrderNumber: ack.erpOrderNumber, created: ack.status === 'CREATED' && !ack.fromEarlierAttempt };
      default:
        throw this.failure(ack, `submit ${payload.externalId}`);
    }
  }

  async cancel(externalId: string, reasonCode: string): Promise<ErpCancellation> {
    const ack = await this.exchange('CXL', externalId, formatCancelFile(externalId, reasonCode), (earlier) =>
      ['CANCELLED', 'ALREADY_CANCELLED', 'NOT_CANCELLABLE'].includes(earlier.status),
    );
    switch (ack.status) {
      case 'CANCELLED':
      case 'ALREADY_CANCELLED':
      case 'NOT_CANCELLABLE':
        if (!ack.erpOrderNumber) throw new ErpPermanentError('PROTOCOL', `acknowledgement ${ack.status} without an order number`);
        return {
          erpOrderNumber: ack.erpOrderNumber,
          outcome: ack.fromEarlierAttempt && ack.status === 'CANCELLED' ? 'ALREADY_CANCELLED' : ack.status,
          reason: ack.message || null,
        };
      case 'NOT_FOUND':
        throw new ErpPermanentError('NOT_FOUND', `ERP has no order with external id ${externalId}`);
      default:
        throw this.failure(ack, `cancel ${externalId}`);
    }
  }

  /**
   * One file out, one acknowledgement back. `isFinalAnswer` says which acknowledgement left over from
   * an earlier attempt still answers this one (a BUSY or REJECTED one is stale: we resubmit).
   */
  private async exchange(
    kind: FileKind,
    externalId: string,
    content: string,
    isFinalAnswer: (earlier: Acknowledgement) => boolean,
  ): Promise<Acknowledgement & { fromEarlierAttempt: boolean }> {
    const { dropDir, ackDir } = this.options;
    await Promise.all([mkdir(dropDir, { recursive: true }), mkdir(ackDir, { recursive: true })]);
    const stem = fileStem(kind, externalId);
    const dataPath = join(dropDir, dataFileName(stem));

    const pendingFile = await exists(dataPath);
    if (!pendingFile) {
      const leftover = await this.takeAck(stem);
      if (leftover && isFinalAnswer(leftover)) return { ...leftover, fromEarlierAttempt: true };
      await writeFileAtomically(dropDir, tempFileName(stem), dataFileName(stem), content);
    }

    const deadline = this.clock() + this.options.ackTimeoutMs;
    for (;;) {
      const ack = await this.takeAck(stem);
      if (ack) return { ...ack, fromEarlierAttempt: false };
      if (this.clock() >= deadline) {
        throw new ErpTransientError(
          'TIMEOUT',
          `no acknowledgement for ${dataFileName(stem)} within ${this.options.ackTimeoutMs} ms; the ERP import job is down or behind (file left in place)`,
          this.options.noAckRetryAfterMs,
        );
      }
      await sleep(this.options.pollMs);
    }
  }

  /** Reads and archives the acknowledgement for `stem`, if the ERP wrote one. */
  private async takeAck(stem: string): Promise<Acknowledgement | null> {
    const path = join(this.options.ackDir, ackFileName(stem));
    const content = await readIfExists(path);
    if (content === null) return null;
    let ack: Acknowledgement;
    try {
      ack = parseAck(content);
    } catch (error) {
      throw new ErpPermanentError('PROTOCOL', error instanceof Error ? error.message : String(error));
    }
    await archive(path, join(this.options.ackDir, 'archive'), `${stem}.${this.clock()}.ack`);
    return ack;
  }

  private failure(ack: Acknowledgement, what: string): Error {
    const retryAfterMs = ack.retryAfterSeconds === null ? null : ack.retryAfterSeconds * 1000;
    switch (ack.status) {
      case 'BUSY':
        return new ErpTransientError('THROTTLED', `${what}: ERP busy, ${ack.message}`, retryAfterMs);
      case 'ERROR':
        return new ErpTransientError('OUTAGE', `${what}: ERP import error, ${ack.message}`, retryAfterMs);
      case 'REJECTED':
        return new ErpPermanentError(
          'VALIDATION',
          `${what}: ${ack.message.split(';')[0] ?? 'rejected'}`,
          ack.message
            .split(';')
            .map((m) => m.trim())
            .filter((m) => m !== ''),
        );
      default:
        return new ErpPermanentError('PROTOCOL', `${what}: unexpected acknowledgement ${ack.status}`);
    }
  }
}
