import { createHash } from 'node:crypto';
import type { MappingOutcome, Rejection } from '../mapping/mapping-outcome';

export interface UpsertEntry<TValue> {
  readonly key: string;
  readonly sourceKey: string;
  /** The source change's sequence: with the key, the identity of this publication (idempotency key). */
  readonly seq: number;
  readonly value: TValue;
}

export interface TombstoneEntry {
  readonly key: string;
  readonly sourceKey: string;
  readonly seq: number;
}

export interface RejectionEntry extends Rejection {
  readonly sourceKey: string;
  readonly seq: number | null;
  /** Unique per rejected change, so re-reading a page after a crash stores it once. */
  readonly dedupKey: string;
  readonly change: unknown;
  /** A later change of the same source record in this batch was published. */
  readonly resolved: boolean;
}

export interface BatchPlan<TValue> {
  readonly upserts: readonly UpsertEntry<TValue>[];
  readonly tombstones: readonly TombstoneEntry[];
  readonly rejections: readonly RejectionEntry[];
  /** Source records whose latest change in the batch was published: their older rejections are resolved. */
  readonly resolvedSourceKeys: readonly string[];
}

/**
 * What to publish for one page of changes. Per Kafka key only the last publishable change
 * survives: values and tombstones go out in separate sends, so a key must not appear in both
 * (a delete followed by a re-add would otherwise end as a tombstone). A rejected change leaves the
 * key's earlier state in force, exactly as if the pages had been cut elsewhere.
 */
export function planBatch<TValue>(outcomes: readonly MappingOutcome<TValue>[]): BatchPlan<TValue> {
  const lastByKey = new Map<string, UpsertEntry<TValue> | (TombstoneEntry & { readonly tombstone: true })>();
  const lastValidIndex = new Map<string, number>();
  const lastIndex = new Map<string, number>();
  outcomes.forEach((outcome, index) => {
    lastIndex.set(outcome.sourceKey, index);
    if (outcome.kind === 'rejected') return;
    lastValidIndex.set(outcome.sourceKey, index);
    // Delete then re-insert so the map's order is the order of each key's last change.
    lastByKey.delete(outcome.key);
    lastByKey.set(
      outcome.key,
      outcome.kind === 'upsert'
        ? { key: outcome.key, sourceKey: outcome.sourceKey, seq: outcome.seq, value: outcome.value }
        : { key: outcome.key, sourceKey: outcome.sourceKey, seq: outcome.seq, tombstone: true },
    );
  });

  const upserts: UpsertEntry<TValue>[] = [];
  const tombstones: TombstoneEntry[] = [];
  for (const entry of lastByKey.values()) {
    if ('tombstone' in entry) tombstones.push({ key: entry.key, sourceKey: entry.sourceKey, seq: entry.seq });
    else upserts.push(entry);
  }
  const rejections: RejectionEntry[] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.kind !== 'rejected') return;
    rejections.push({
      ...outcome.rejection,
      sourceKey: outcome.sourceKey,
      seq: outcome.seq,
      dedupKey: dedupKey(outcome),
      change: outcome.change,
      resolved: (lastValidIndex.get(outcome.sourceKey) ?? -1) > index,
    });
  });
  const resolvedSourceKeys = [...lastValidIndex].filter(([sourceKey, index]) => lastIndex.get(sourceKey) === index).map(([sourceKey]) => sourceKey);
  return { upserts, tombstones, rejections, resolvedSourceKeys };
}

function dedupKey(outcome: Extract<MappingOutcome<unknown>, { kind: 'rejected' }>): string {
  if (outcome.seq !== null) return `${outcome.sourceKey}#${outcome.seq}`;
  // No sequence to tell two bad changes apart: their content has to.
  const digest = createHash('sha256')
    .update(JSON.stringify(outcome.change) ?? 'undefined')
    .digest('hex')
    .slice(0, 16);
  return `${outcome.sourceKey}#${digest}`;
}
