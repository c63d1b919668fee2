import { CompactedTable, inMemoryTable, type TableRows } from './compacted-table';

interface Item {
  readonly sku: string;
  readonly safetyStock: number;
}

const item = (safetyStock: number): Item => ({ sku: 'A', safetyStock });

describe('CompactedTable', () => {
  describe('version guard', () => {
    it('keeps a record newer than the one held and says the table changed', () => {
      const table = inMemoryTable<Item>();
      expect(table.apply('A', item(1), 1)).toBe(true);
      expect(table.apply('A', item(2), 5)).toBe(true);
      expect(table.get('A')).toEqual(item(2));
    });

    it('ignores a redelivery (same version) and a late record (older version)', () => {
      const table = inMemoryTable<Item>();
      table.apply('A', item(2), 5);
      expect(table.apply('A', item(99), 5)).toBe(false);
      expect(table.apply('A', item(98), 4)).toBe(false);
      expect(table.get('A')).toEqual(item(2));
    });

    it('guards each key on its own', () => {
      const table = inMemoryTable<Item>();
      table.apply('A', item(1), 10);
      expect(table.apply('B', item(7), 1)).toBe(true);
      expect(table.get('B')).toEqual(item(7));
      expect(table.size()).toBe(2);
    });
  });

  describe('tombstones', () => {
    it('drop the key, once', () => {
      const table = inMemoryTable<Item>();
      table.apply('A', item(1), 3);
      expect(table.remove('A')).toBe(true);
      expect(table.get('A')).toBeUndefined();
      expect(table.size()).toBe(0);
      expect(table.remove('A')).toBe(false);
      expect(table.remove('NEVER-SEEN')).toBe(false);
    });

    it('keep the version by default: a late older record cannot bring the key back, a newer one can', () => {
      const table = inMemoryTable<Item>();
      table.apply('A', item(1), 3);
      table.remove('A');
      expect(table.apply('A', item(2), 2)).toBe(false);
      expect(table.apply('A', item(2), 3)).toBe(false);
      expect(table.get('A')).toBeUndefined();
      expect(table.apply('A', item(4), 4)).toBe(true);
      expect(table.get('A')).toEqual(item(4));
      expect(table.size()).toBe(1);
    });

    it('leave nothing when the table says so: the key comes back with its next record, whatever its version', () => {
      const table = inMemoryTable<Item>({ tombstone: 'nothing' });
      table.apply('A', item(1), 3);
      expect(table.remove('A')).toBe(true);
      expect(table.remove('A')).toBe(false);
      expect(table.size()).toBe(0);
      expect(table.apply('A', item(2), 3)).toBe(true);
      expect(table.get('A')).toEqual(item(2));
      expect(table.apply('A', item(5), 2)).toBe(false);
    });
  });

  describe('readiness', () => {
    it('is not ready, and keeps waiters waiting, until the rebuild marks it ready', async () => {
      const table = inMemoryTable<Item>();
      let released = false;
      const waiting = table.whenReady().then(() => (released = true));
      table.apply('A', item(1), 1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(table.isReady()).toBe(false);
      expect(released).toBe(false);
      table.markReady();
      expect(table.isReady()).toBe(true);
      await waiting;
      expect(released).toBe(true);
    });

    it('answers at once once ready', async () => {
      const table = inMemoryTable<Item>();
      table.markReady();
      await expect(table.whenReady()).resolves.toBeUndefined();
    });
  });

  it('wraps rows of a service own, which keep the same rule', () => {
    const calls: string[] = [];
    const rows: TableRows<Item> = {
      put: (key, value, version) => {
        calls.push(`put ${key} ${value.safetyStock} v${version}`);
        return version > 1;
      },
      delete: (key) => {
        calls.push(`delete ${key}`);
        return true;
      },
    };
    const table = new CompactedTable<Item, TableRows<Item>>(rows);
    expect(table.apply('A', item(1), 1)).toBe(false);
    expect(table.apply('A', item(2), 2)).toBe(true);
    expect(table.remove('A')).toBe(true);
    expect(calls).toEqual(['put A 1 v1', 'put A 2 v2', 'delete A']);
    // @ts-expect-error rows that cannot be read back give the table no get()
    expect(() => table.get('A')).toThrow(TypeError);
  });
});
