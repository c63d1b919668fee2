import { MicroBatcher } from './micro-batcher';

/** Runs `fn` in one database transaction (e.g. `(fn) => prisma.$transaction(fn)`). */
export type TransactionRunner<Tx> = <R>(fn: (tx: Tx) => Promise<R>) => Promise<R>;

type Unit<Tx> = (tx: Tx) => Promise<unknown>;

/**
 * Group commit: units of work submitted while a transaction is running are committed together in
 * the next one, one BEGIN/COMMIT and WAL flush for all of them. Each unit still commits or fails
 * on its own (see MicroBatcher), so units must be safe to run again after a rollback.
 */
export class GroupCommit<Tx> {
  private readonly batcher: MicroBatcher<Unit<Tx>, unknown>;

  constructor(transaction: TransactionRunner<Tx>, maxUnits = 200) {
    this.batcher = new MicroBatcher(
      (units) =>
        transaction(async (tx) => {
          const results: unknown[] = [];
          for (const unit of units) results.push(await unit(tx));
          return results;
        }),
      maxUnits,
    );
  }

  run<R>(work: (tx: Tx) => Promise<R>): Promise<R> {
    return this.batcher.submit(work) as Promise<R>;
  }
}
