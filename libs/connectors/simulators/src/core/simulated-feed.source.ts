import { OutageSwitch } from './outage.switch';
import { SeededRandom } from './seeded-random';
import { Sequence } from './sequence';

export interface SimulatedSourceOptions {
  readonly seed?: number;
  /** SKUs of the simulated catalog (default 300; every simulator has the same catalog for the same seed). */
  readonly itemCount?: number;
  /** Source of the records' timestamps and the outage's time; tests pin it. */
  readonly clock?: () => number;
  /** Names this change log in its tokens; random by default, fix it for byte-identical runs. */
  readonly incarnation?: string;
}

/**
 * What every simulated source system is built on: its catalog's seed and size, a clock, one change
 * log for all its tables (`Sequence`, starting at the clock in microseconds) whose feed tokens the
 * connector stores, a seeded random stream and an outage switch.
 */
export abstract class SimulatedFeedSource {
  readonly outage: OutageSwitch;
  protected readonly catalogSeed: number;
  protected readonly itemCount: number;
  protected readonly clock: () => number;
  protected readonly sequence: Sequence;
  protected readonly random: SeededRandom;

  /** `stream` picks the random stream from the seed, so systems seeded alike still differ. */
  protected constructor(options: SimulatedSourceOptions, stream: (seed: number) => number = (seed) => seed) {
    this.catalogSeed = options.seed ?? 42;
    this.itemCount = options.itemCount ?? 300;
    this.clock = options.clock ?? Date.now;
    this.sequence = new Sequence(options.incarnation, Math.floor(this.clock()) * 1000);
    this.random = new SeededRandom(stream(this.catalogSeed));
    this.outage = new OutageSwitch(this.clock);
  }

  /** The current change number (the head of the feeds). */
  headSeq(): number {
    return this.sequence.current();
  }

  /** The feed token of a change number (default: the head), as the connector stores it. */
  feedToken(seq: number = this.sequence.current()): string {
    return this.sequence.token(seq);
  }
}
