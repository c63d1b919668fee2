import type { ChangeOperation } from '../feed/feed-wire.schema';
import { RecordRejected, reject, RejectionReason, type MappingOutcome } from './mapping-outcome';
import { isObject, text, type SourceObject } from './source-fields';

export interface ChangeEnvelope {
  readonly seq: number;
  readonly op: ChangeOperation;
  /** The change's own key fields (present for deletes too). */
  readonly keys: SourceObject;
  /** The record for an upsert; null for a delete. */
  readonly record: SourceObject | null;
}

/**
 * Runs a mapper body, turning the first problem it raises into a `rejected` outcome that names
 * the source key, so the mapper itself never throws.
 */
export function mapChange<TValue>(
  change: unknown,
  sourceKeyOf: (keys: SourceObject) => string,
  body: (envelope: ChangeEnvelope) => MappingOutcome<TValue>,
): MappingOutcome<TValue> {
  const keys = isObject(change) ? change : {};
  const seqValue = keys['seq'];
  const seq = typeof seqValue === 'number' && Number.isSafeInteger(seqValue) && seqValue >= 0 ? seqValue : null;
  let sourceKey: string;
  try {
    sourceKey = sourceKeyOf(keys);
  } catch {
    sourceKey = '(unreadable key)';
  }
  try {
    if (!isObject(change)) reject(RejectionReason.MalformedChange, '(change)', 'change is not an object');
    if (seq === null) reject(RejectionReason.MalformedChange, 'seq', `seq is ${JSON.stringify(seqValue)}, not a non-negative integer`);
    const op = change['op'];
    if (op !== 'UPSERT' && op !== 'DELETE') reject(RejectionReason.MalformedChange, 'op', `op is ${JSON.stringify(op)}, not UPSERT or DELETE`);
    const record = change['record'];
    if (op === 'UPSERT' && !isObject(record)) reject(RejectionReason.MalformedChange, 'record', 'an UPSERT carries no record');
    return body({ seq, op, keys, record: op === 'UPSERT' ? (record as SourceObject) : null });
  } catch (error) {
    if (!(error instanceof RecordRejected)) throw error;
    return { kind: 'rejected', sourceKey, seq, rejection: error.rejection, change };
  }
}

/** `value` or a placeholder that reads well in the rejection list. */
export function keyPart(source: SourceObject, field: string, missing: string): string {
  const value = source[field];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : missing;
}

/** A required identifier; empty or absent rejects the record with `reason`. */
export function requiredId(source: SourceObject, field: string, reason: RejectionReason): string {
  const value = text(source, field);
  if (value === '') reject(reason, field, `${field} is empty`);
  return value;
}
