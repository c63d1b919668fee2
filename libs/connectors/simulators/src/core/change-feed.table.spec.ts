import { BadFeedRequest, ChangeFeedTable, ExpiredFeedToken } from './change-feed.table';
import { Sequence } from './sequence';

describe('ChangeFeedTable', () => {
  let table: ChangeFeedTable;

  beforeEach(() => {
    table = new ChangeFeedTable(new Sequence('t1'));
    for (const key of ['c', 'a', 'b']) table.upsert(key, (seq) => ({ seq, op: 'UPSERT', key }));
    table.upsert('a', (seq) => ({ seq, op: 'UPSERT', key: 'a', again: true }));
    table.delete('b', (seq) => ({ seq, op: 'DELETE', key: 'b' }));
  });

  it('serves changes after a token, oldest first, in pages', () => {
    expect(table.changesSince('0', 2)).toEqual({
      changes: [expect.objectContaining({ seq: 1 }), expect.objectContaining({ seq: 2 })],
      nextToken: 't1-2',
      hasMore: true,
    });
    expect(table.changesSince('t1-2', 10)).toMatchObject({ nextToken: 't1-5', hasMore: false });
    expect(table.changesSince('t1-2', 10).changes.map((c) => [c.seq, c.op])).toEqual([
      [3, 'UPSERT'],
      [4, 'UPSERT'],
      [5, 'DELETE'],
    ]);
    expect(table.changesSince('t1-5', 10)).toEqual({ changes: [], nextToken: 't1-5', hasMore: false });
  });

  it('serves the current rows in key order, with the head at the time of the page', () => {
    const first = table.snapshot(null, 1);
    expect(first).toEqual({ records: [expect.objectContaining({ key: 'a', again: true })], nextPageToken: 'a', feedToken: 't1-5' });
    expect(table.snapshot('a', 1)).toEqual({ records: [expect.objectContaining({ key: 'c' })], nextPageToken: null, feedToken: 't1-5' });
  });

  it('deletes only what exists', () => {
    expect(table.delete('zz', (seq) => ({ seq, op: 'DELETE' }))).toBeUndefined();
    expect(table.changes()).toHaveLength(5);
  });

  it('expires a token of another incarnation of the log, or one ahead of it', () => {
    expect(() => table.changesSince('t0-3', 10)).toThrow(ExpiredFeedToken);
    expect(() => table.changesSince('t1-6', 10)).toThrow(ExpiredFeedToken);
  });

  it('refuses garbage and an unreasonable page size', () => {
    expect(() => table.changesSince('abc', 10)).toThrow(BadFeedRequest);
    expect(() => table.changesSince('5', 10)).toThrow(BadFeedRequest);
    expect(() => table.changesSince('t1-1', 0)).toThrow(/limit/);
    expect(() => table.snapshot(null, 5000)).toThrow(/limit/);
  });
});
