const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * The Java client's murmur2 (Utils.murmur2), the hash Kafka's default partitioner applies to a
 * key's UTF-8 bytes. kafkajs ships the same function on a 64-bit Long emulation and a Buffer per
 * key, which cost more than encoding the record itself; this is the same arithmetic on 32-bit
 * integers (Math.imul wraps as Java's int does), and ASCII keys are hashed without a Buffer.
 */
export function murmur2(key: string | Uint8Array): number {
  if (typeof key !== 'string') return hashBytes(key.length, (i) => key[i] ?? 0);
  if (NON_ASCII.test(key)) return murmur2(Buffer.from(key, 'utf8'));
  return hashBytes(key.length, (i) => key.charCodeAt(i));
}

function hashBytes(length: number, byteAt: (index: number) => number): number {
  let h = (SEED ^ length) | 0;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = byteAt(i) | (byteAt(i + 1) << 8) | (byteAt(i + 2) << 16) | (byteAt(i + 3) << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const tail = length & 3;
  if (tail > 0) {
    if (tail === 3) h ^= byteAt(whole + 2) << 16;
    if (tail >= 2) h ^= byteAt(whole + 1) << 8;
    h ^= byteAt(whole);
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}
