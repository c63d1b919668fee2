import { randomBytes } from 'node:crypto';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { KeyHashPartitioner } from './key-hash.partitioner';
import { murmur2 } from './murmur2.hash';

const partitions = (count: number, leaderless: number[] = []): PartitionMetadata[] =>
  Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: leaderless.includes(partitionId) ? -1 : 1,
    partitionErrorCode: 0,
    replicas: [1],
    isr: [1],
  }));

function randomKey(i: number): string {
  const kinds = [
    () => `SKU-${i}@DC-RENO`,
    () => `ord-${randomBytes(8).toString('hex')}`.slice(0, i % 40),
    () => `bücher-${i}-größe-${'€'.repeat(i % 5)}`,
    () => String.fromCodePoint(0x1f4e6, 0x41 + (i % 26)) + i,
  ];
  return (kinds[i % kinds.length] ?? kinds[0])?.() ?? '';
}

describe('murmur2', () => {
  // The Java client's test vectors (UtilsTest.testMurmur2).
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %s as the Java client does', (key, expected) => {
    expect(murmur2(key)).toBe(expected);
    expect(murmur2(Buffer.from(key))).toBe(expected);
  });

  it('agrees with kafkajs on ASCII, multi-byte and binary keys of every length', () => {
    const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (key: string | Buffer) => number;
    for (let i = 0; i < 2_000; i++) {
      const key = randomKey(i);
      expect(murmur2(key)).toBe(kafkajsMurmur2(key));
      const bytes = randomBytes(i % 67);
      expect(murmur2(bytes)).toBe(kafkajsMurmur2(bytes));
    }
  });
});

describe('KeyHashPartitioner', () => {
  it('puts every key on the partition kafkajs DefaultPartitioner picks', () => {
    const ours = KeyHashPartitioner();
    const theirs = Partitioners.DefaultPartitioner();
    for (const count of [1, 3, 6, 12]) {
      const partitionMetadata = partitions(count);
      for (let i = 0; i < 500; i++) {
        const message = { key: randomKey(i), value: null };
        expect(ours({ topic: 't', partitionMetadata, message })).toBe(theirs({ topic: 't', partitionMetadata, message }));
      }
    }
  });

  it('honours an explicit partition', () => {
    expect(KeyHashPartitioner()({ topic: 't', partitionMetadata: partitions(6), message: { key: 'k', value: null, partition: 4 } })).toBe(4);
  });

  it('spreads keyless messages round-robin over partitions that have a leader', () => {
    const partitioner = KeyHashPartitioner();
    const partitionMetadata = partitions(4, [2]);
    const chosen = Array.from({ length: 30 }, () => partitioner({ topic: 't', partitionMetadata, message: { value: 'v' } }));
    expect(new Set(chosen)).toEqual(new Set([0, 1, 3]));
    expect(chosen.filter((p) => p === 0)).toHaveLength(10);
  });
});
