import type { MappingOutcome } from '../mapping/mapping-outcome';
import { planBatch } from './change-batch';

const upsert = (sourceKey: string, seq: number, value: string): MappingOutcome<string> => ({ kind: 'upsert', sourceKey, seq, key: `k-${sourceKey}`, value });
const remove = (sourceKey: string, seq: number): MappingOutcome<string> => ({ kind: 'delete', sourceKey, seq, key: `k-${sourceKey}` });
const bad = (sourceKey: string, seq: number | null, change: unknown = { seq }): MappingOutcome<string> => ({
  kind: 'rejected',
  sourceKey,
  seq,
  change,
  rejection: { reason: 'NEGATIVE_ON_HAND', field: 'onHandQty', message: 'onHandQty is -1' },
});

describe('planBatch', () => {
  it('keeps the last publishable change per key, in the order of those last changes', () => {
    const plan = planBatch([upsert('a', 1, 'a1'), upsert('b', 2, 'b1'), upsert('a', 3, 'a2')]);
    expect(plan.upserts.map((u) => u.value)).toEqual(['b1', 'a2']);
    expect(plan.tombstones).toEqual([]);
  });

  it('never puts one key in both sends: a delete then a re-add is a value, an add then a delete a tombstone', () => {
    const readded = planBatch([remove('a', 1), upsert('a', 2, 'a2')]);
    expect(readded.upserts.map((u) => u.key)).toEqual(['k-a']);
    expect(readded.tombstones).toEqual([]);
    const deleted = planBatch([upsert('a', 1, 'a1'), remove('a', 2)]);
    expect(deleted.upserts).toEqual([]);
    expect(deleted.tombstones).toEqual([{ key: 'k-a', sourceKey: 'a', seq: 2 }]);
  });

  it('lets a rejected change leave the earlier state of its key in force', () => {
    const plan = planBatch([upsert('a', 1, 'a1'), bad('a', 2)]);
    expect(plan.upserts.map((u) => u.value)).toEqual(['a1']);
    expect(plan.rejections).toEqual([expect.objectContaining({ sourceKey: 'a', seq: 2, resolved: false, dedupKey: 'a#2' })]);
    // The latest word on 'a' is a rejection, so older rejections of 'a' stay open.
    expect(plan.resolvedSourceKeys).toEqual([]);
  });

  it('marks a rejection resolved when a later change of the same record in the batch was published', () => {
    const plan = planBatch([bad('a', 1), upsert('a', 2, 'a2'), bad('b', 3)]);
    expect(plan.rejections.map((r) => [r.sourceKey, r.resolved])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(plan.resolvedSourceKeys).toEqual(['a']);
  });

  it('tells rejected changes without a sequence apart by content, and identical ones not at all', () => {
    const plan = planBatch([bad('x', null, { op: 'UPSERT', n: 1 }), bad('x', null, { op: 'UPSERT', n: 2 }), bad('x', null, { op: 'UPSERT', n: 1 })]);
    const keys = plan.rejections.map((r) => r.dedupKey);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[0]).toBe(keys[2]);
  });
});
