import { createTestNamespace } from './test-namespace';
import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first defined value', async () => {
    let calls = 0;
    await expect(waitFor(() => (++calls >= 3 ? calls : undefined), { intervalMs: 1 })).resolves.toBe(3);
  });

  it('fails naming what it waited for and the last error', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('registry down');
        },
        { timeoutMs: 30, intervalMs: 5, what: 'schema registration' },
      ),
    ).rejects.toThrow(/schema registration; last error: registry down/);
  });
});

describe('createTestNamespace', () => {
  it('gives distinct, topic-safe prefixes', () => {
    const a = createTestNamespace('Order Ingest!');
    const b = createTestNamespace('Order Ingest!');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^t-order-ingest-[a-z0-9]+\.$/);
  });
});
