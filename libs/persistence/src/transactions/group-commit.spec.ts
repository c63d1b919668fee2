import { GroupCommit } from './group-commit';

/** A fake database: a transaction runs its body against a log that is kept only if the body succeeds. */
function fakeDatabase() {
  const committed: string[][] = [];
  let transactions = 0;
  const transaction = async <R>(fn: (tx: string[]) => Promise<R>): Promise<R> => {
    transactions++;
    const tx: string[] = [];
    const result = await fn(tx);
    committed.push(tx);
    return result;
  };
  return { committed, transaction, count: () => transactions };
}

describe('GroupCommit', () => {
  it('commits units submitted together in one transaction, each getting its own result', async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.transaction);
    const results = await Promise.all(['a', 'b', 'c'].map((name) => group.run(async (tx) => (tx.push(name), name.toUpperCase()))));
    expect(results).toEqual(['A', 'B', 'C']);
    expect(db.committed).toEqual([['a', 'b', 'c']]);
    expect(db.count()).toBe(1);
  });

  it('commits units that arrive while a transaction runs in the next one', async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.transaction);
    // Gates, not sleeps: x and y are submitted once the first transaction is running, however slow the machine.
    let running!: () => void;
    let release!: () => void;
    const firstRuns = new Promise<void>((resolve) => (running = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = group.run(async (tx) => {
      tx.push('first');
      running();
      await held;
    });
    await firstRuns;
    const later = [group.run(async (tx) => void tx.push('x')), group.run(async (tx) => void tx.push('y'))];
    release();
    await Promise.all([first, ...later]);
    expect(db.committed).toEqual([['first'], ['x', 'y']]);
  });

  it('when a shared transaction fails, retries each unit alone so only the faulty one fails', async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.transaction);
    const outcomes = await Promise.allSettled(
      ['a', 'bad', 'c'].map((name) =>
        group.run(async (tx) => {
          if (name === 'bad') throw new Error('constraint violated');
          tx.push(name);
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('constraint violated'));
    expect(db.committed).toEqual([['a'], ['c']]);
  });

  it('caps the units of one transaction', async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.transaction, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => group.run(async (tx) => void tx.push(String(n)))));
    expect(db.committed).toEqual([['1', '2'], ['3', '4'], ['5']]);
  });
});
