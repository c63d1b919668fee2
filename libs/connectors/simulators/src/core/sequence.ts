import { randomBytes } from 'node:crypto';

/**
 * The source system's change number: one counter for all its tables, like an ERP's row version.
 * Feed tokens carry the log's incarnation too, so a token from an earlier simulator (or a
 * restored ERP) is recognised as expired instead of being read as a position in this log.
 */
export class Sequence {
  private value: number;

  /**
   * `start` is where the numbers begin. The simulators start at their clock in microseconds, so a
   * restarted simulator's change numbers (the records' versions) continue above the previous
   * run's: consumers ignore a version lower than the one they hold, and the topics outlive the
   * simulator.
   */
  constructor(
    readonly incarnation: string = randomBytes(3).toString('hex'),
    start = 0,
  ) {
    if (!/^[a-z0-9]+$/.test(incarnation)) throw new Error('incarnation must be lowercase letters and digits');
    if (!Number.isSafeInteger(start) || start < 0) throw new Error('start must be a non-negative integer');
    this.value = start;
  }

  next(): number {
    this.value += 1;
    return this.value;
  }

  current(): number {
    return this.value;
  }

  token(seq: number = this.value): string {
    return `${this.incarnation}-${seq}`;
  }
}
