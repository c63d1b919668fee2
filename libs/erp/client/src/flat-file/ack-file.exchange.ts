import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ackFileName, dataFileName, ErpPermanentError, ErpTransientError, tempFileName } from '@crossdock/erp/domain';
import { archive, exists, readIfExists, writeFileAtomically } from './atomic-file';

export interface AckFileExchangeOptions {
  readonly dropDir: string;
  readonly ackDir: string;
  readonly ackTimeoutMs: number;
  readonly pollMs: number;
  /** Suggested retry delay when no acknowledgement came (the import job is down or behind). */
  readonly noAckRetryAfterMs: number;
  readonly clock?: () => number;
}

/** What every acknowledgement of the legacy ERP's import job says, whatever else it carries. */
export interface ImportAcknowledgement {
  readonly status: string;
  readonly retryAfterSeconds: number | null;
  readonly message: string;
}

/**
 * One import file out, one acknowledgement back, with the legacy ERP's import job at the other end
 * of two folders. A resubmission is recognised by the file's stem (derived from the document's key)
 * at three points, so a crash anywhere never posts twice:
 * 1. an acknowledgement for the stem is already waiting (we crashed after the ERP answered): use it,
 *    if `isFinalAnswer` says it still answers (a BUSY or REJECTED one is stale: resubmit);
 * 2. the stem's file is still in the drop folder (the ERP has not picked it up): wait for it, do not
 *    write a second one;
 * 3. otherwise write the file atomically; the ERP itself checks the key and answers DUPLICATE.
 * No acknowledgement in time is transient (TIMEOUT): the file stays and the next attempt waits for it.
 */
export class AckFileExchange<A extends ImportAcknowledgement> {
  private readonly clock: () => number;

  constructor(
    private readonly options: AckFileExchangeOptions,
    /** Reads an acknowledgement file; throws on one it cannot read. */
    private readonly readAck: (content: string) => A,
  ) {
    this.clock = options.clock ?? Date.now;
  }

  async exchange(stem: string, content: string, isFinalAnswer: (earlier: A) => boolean): Promise<A & { readonly fromEarlierAttempt: boolean }> {
    const { dropDir, ackDir } = this.options;
    await Promise.all([mkdir(dropDir, { recursive: true }), mkdir(ackDir, { recursive: true })]);
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
  private async takeAck(stem: string): Promise<A | null> {
    const path = join(this.options.ackDir, ackFileName(stem));
    const content = await readIfExists(path);
    if (content === null) return null;
    let ack: A;
    try {
      ack = this.readAck(content);
    } catch (error) {
      throw new ErpPermanentError('PROTOCOL', error instanceof Error ? error.message : String(error));
    }
    await archive(path, join(this.options.ackDir, 'archive'), `${stem}.${this.clock()}.ack`);
    return ack;
  }
}

/**
 * The error an acknowledgement that is not the call's success stands for: BUSY (throttled) and ERROR
 * are transient, REJECTED is the ERP refusing the document (its reasons separated by ';'), anything
 * else is an answer this call does not expect.
 */
export function ackFailure(ack: ImportAcknowledgement, what: string): Error {
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
