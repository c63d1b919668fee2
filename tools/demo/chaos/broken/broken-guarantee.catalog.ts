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
   * The schedule that exposes it with the default seed (CHAOS_PROFILE overrides): `full` when the
   * fault it needs must meet traffic, which the short day's schedule does not give it.
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
];

export function brokenGuarantee(name: string): BrokenGuarantee | undefined {
  return BROKEN_GUARANTEES.find((g) => g.name === name);
}
