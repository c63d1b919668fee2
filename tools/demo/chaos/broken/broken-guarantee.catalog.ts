import { join } from 'node:path';

/**
 * A delivery guarantee of the hub, broken on purpose by a patch to the production code (never by a
 * switch in it), and the invariants of `npm run chaos` that must catch it.
 */
export interface BrokenGuarantee {
  readonly name: string;
  /** What the patch does to the code. */
  readonly breakage: string;
  /** The patch, against the production code at HEAD. */
  readonly patch: string;
  /** The chaos run must fail on at least one of these invariants (their names as printed). */
  readonly expected: readonly string[];
  /**
   * The schedule it is run with by default (CHAOS_PROFILE overrides): `full` when the fault it needs
   * must meet more traffic than the short day's one minute gives it.
   */
  readonly profile: 'short' | 'full';
}

export const PATCHES_DIR = join(__dirname, 'patches');

export const BROKEN_GUARANTEES: readonly BrokenGuarantee[] = [
  {
    name: 'commit-before-erp-call',
    breakage:
      "order-ingest's ERP drainer takes a submission off the durable queue (status SENT) as it claims it, before the ERP call; an answer is still recorded, but a call that fails (the ERP down, the process killed, its database gone) is never made again",
    patch: 'commit-before-erp-call.patch',
    expected: ['every channel order accounted for', 'exactly one ERP order per accepted order'],
    profile: 'full',
  },
  {
    name: 'at-most-once-consumer',
    breakage:
      "the Kafka transport (libs/messaging) commits a batch's offsets before handling any of it: a consumer stopped, killed or rebalanced mid-batch loses the rest of the batch instead of leaving it to the partition's next owner",
    patch: 'at-most-once-consumer.patch',
    expected: [
      'every channel order accounted for',
      'no outcome event lost',
      'every reservation of a shipped line consumed',
      'every shipment fact accounted for',
    ],
    profile: 'short',
  },
];

export function brokenGuarantee(name: string): BrokenGuarantee | undefined {
  return BROKEN_GUARANTEES.find((g) => g.name === name);
}
