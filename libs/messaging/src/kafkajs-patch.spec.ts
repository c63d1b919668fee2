import { randomBytes } from 'node:crypto';

/**
 * patches/kafkajs+2.2.4.patch rewrites how kafkajs encodes what it sends (varints in place, one
 * buffer per record, a table-driven CRC-32C, linear grouping by partition). A broker refuses a
 * batch whose bytes or checksum are wrong, so these pin the encoders to the wire format, checked
 * against independent reference implementations, not against kafkajs itself.
 */

interface KafkaEncoder {
  writeVarInt(value: number): KafkaEncoder;
  writeVarLong(value: number | string): KafkaEncoder;
  writeInt32(value: number): KafkaEncoder;
  readonly buffer: Buffer;
}
interface EncoderClass {
  new (initialSize?: number): KafkaEncoder;
  sizeOfVarLong(value: number | string): number;
}
interface KafkaDecoder {
  readVarInt(): number;
  readVarLong(): { toString(): string };
  readInt8(): number;
  readVarIntBytes(): Buffer | null;
  readVarIntString(): string | null;
}
interface RecordInput {
  offsetDelta: number;
  timestampDelta: number;
  key: string | Buffer | null;
  value: Buffer | null;
  headers: Record<string, string | Buffer | (string | Buffer)[]>;
}
interface PartitionGroupingInput<M> {
  topic: string;
  partitionMetadata: unknown[];
  messages: M[];
  partitioner: (args: { message: M }) => number;
}

const internal = <T extends object>(path: string): T => jest.requireActual<T>(`kafkajs/src/${path}`);
const Encoder = internal<EncoderClass>('protocol/encoder');
const Decoder = internal<new (buffer: Buffer) => KafkaDecoder>('protocol/decoder');
const encodeRecord = internal<(record: RecordInput) => KafkaEncoder>('protocol/recordBatch/record/v0');
const crc32C = internal<(buffer: Buffer) => number>('protocol/recordBatch/crc32C/crc32C');
const groupMessagesPerPartition = internal<<M>(input: PartitionGroupingInput<M>) => Record<string, M[]>>('producer/groupMessagesPerPartition');

// Kafka's varint: zig-zag, then little-endian base-128 groups (protobuf's encoding).
function referenceVarLong(value: bigint): Buffer {
  let zigZag = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
  const bytes: number[] = [];
  while (zigZag >= 0x80n) {
    bytes.push(Number(zigZag & 0x7fn) | 0x80);
    zigZag >>= 7n;
  }
  bytes.push(Number(zigZag));
  return Buffer.from(bytes);
}

// CRC-32C bit by bit from the reflected Castagnoli polynomial.
function referenceCrc32C(buffer: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buffer) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const int32Edges = [0, 1, -1, 63, -64, 64, -65, 8191, -8192, 8192, 2 ** 30 - 1, -(2 ** 30), 2 ** 30, -(2 ** 30) - 1, 2 ** 31 - 1, -(2 ** 31)];
const randomInt32 = (): number => (Math.random() * 2 ** 32 - 2 ** 31) | 0;

describe('kafkajs as patched: varints', () => {
  it('writes every int32 as Kafka varint bytes', () => {
    for (const value of [...int32Edges, ...Array.from({ length: 2_000 }, randomInt32)]) {
      expect(new Encoder().writeVarInt(value).buffer).toEqual(referenceVarLong(BigInt(value)));
    }
  });

  it('writes 64-bit values, small numbers and large ones as numbers or strings, with the size it predicts', () => {
    const large = [2 ** 40, -(2 ** 40), Date.now(), -Date.now(), Number.MAX_SAFE_INTEGER];
    for (const value of [...int32Edges, ...large, ...Array.from({ length: 500 }, randomInt32)]) {
      const expected = referenceVarLong(BigInt(value));
      expect(new Encoder().writeVarLong(value).buffer).toEqual(expected);
      expect(Encoder.sizeOfVarLong(value)).toBe(expected.length);
    }
    expect(new Encoder().writeVarLong('9223372036854775807').buffer).toEqual(referenceVarLong(2n ** 63n - 1n));
    expect(new Encoder().writeVarLong('-9223372036854775808').buffer).toEqual(referenceVarLong(-(2n ** 63n)));
  });

  it('keeps earlier bytes when the buffer grows past its initial size', () => {
    const values = Array.from({ length: 3_000 }, randomInt32);
    const encoder = new Encoder(8);
    for (const value of values) encoder.writeVarInt(value).writeInt32(value);
    const expected = Buffer.concat(values.flatMap((value) => [referenceVarLong(BigInt(value)), int32(value)]));
    expect(encoder.buffer).toEqual(expected);
  });
});

describe('kafkajs as patched: records', () => {
  it('encodes key, value and headers (repeated keys, non-ASCII) so that they decode as sent', () => {
    const value = randomBytes(700);
    const record: RecordInput = {
      offsetDelta: 1_234,
      timestampDelta: 98_765,
      key: 'SKU-1|DC-RENO',
      value,
      headers: { 'crossdock-correlation-id': 'SKU-1@edi', traceparent: Buffer.from('00-ab-cd-01'), größe: ['ä', 'ö'] },
    };
    const decoder = new Decoder(encodeRecord(record).buffer);
    const length = decoder.readVarInt();
    const bodyStart = Buffer.byteLength(referenceVarLong(BigInt(length)));
    expect(encodeRecord(record).buffer.length).toBe(bodyStart + length);
    expect(decoder.readInt8()).toBe(0);
    expect(decoder.readVarLong().toString()).toBe('98765');
    expect(decoder.readVarInt()).toBe(1_234);
    expect(decoder.readVarIntBytes()?.toString()).toBe('SKU-1|DC-RENO');
    expect(decoder.readVarIntBytes()).toEqual(value);
    const headers: [string | null, string | undefined][] = [];
    for (let count = decoder.readVarInt(); count > 0; count--) headers.push([decoder.readVarIntString(), decoder.readVarIntBytes()?.toString()]);
    expect(headers).toEqual([
      ['crossdock-correlation-id', 'SKU-1@edi'],
      ['traceparent', '00-ab-cd-01'],
      ['größe', 'ä'],
      ['größe', 'ö'],
    ]);
  });

  it('encodes a tombstone (null value) and a record without key or headers', () => {
    const decoder = new Decoder(encodeRecord({ offsetDelta: 0, timestampDelta: 0, key: null, value: null, headers: {} }).buffer);
    decoder.readVarInt();
    decoder.readInt8();
    decoder.readVarLong();
    decoder.readVarInt();
    expect(decoder.readVarIntBytes()).toBeNull();
    expect(decoder.readVarIntBytes()).toBeNull();
    expect(decoder.readVarInt()).toBe(0);
  });
});

describe('kafkajs as patched: batch checksum and partition grouping', () => {
  it('computes CRC-32C: the standard check value and any length against the bitwise definition', () => {
    expect(crc32C(Buffer.from('123456789'))).toBe(0xe3069283);
    for (let length = 0; length < 40; length++) {
      const buffer = randomBytes(length);
      expect(crc32C(buffer)).toBe(referenceCrc32C(buffer));
    }
    const large = randomBytes(100_003);
    expect(crc32C(large)).toBe(referenceCrc32C(large));
  });

  it('groups messages by partition keeping their order within each', () => {
    const messages = Array.from({ length: 5_000 }, (_, i) => ({ i }));
    const grouped = groupMessagesPerPartition({
      topic: 't',
      partitionMetadata: [{}],
      messages,
      partitioner: ({ message }) => (message.i * 7) % 3,
    });
    expect(Object.keys(grouped).sort()).toEqual(['0', '1', '2']);
    for (const [partition, inPartition] of Object.entries(grouped)) {
      expect(inPartition).toEqual(messages.filter((m) => (m.i * 7) % 3 === Number(partition)));
    }
    expect(groupMessagesPerPartition({ topic: 't', partitionMetadata: [], messages, partitioner: () => 0 })).toEqual({});
  });
});

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
}
