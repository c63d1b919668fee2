import * as avro from 'avsc';
import { Topics } from '@crossdock/contracts';
import { sampleChannelOrder } from '@crossdock/testing';
import { monotonicMs } from '../lib/clock';

export interface AvroCodecOptions {
  /** Timed iterations of each of toBuffer and fromBuffer. */
  readonly iterations: number;
  /** Untimed iterations first, so V8 has optimised avsc's generated codec before the clock starts. */
  readonly warmup: number;
  /** Upper bound per loop; the rate is then computed over the iterations actually done. */
  readonly maxMs: number;
}

export interface AvroCodecResult {
  /** Avro body of the sample order (no registry frame). */
  readonly bytes: number;
  readonly encodeOpsPerSec: number;
  readonly decodeOpsPerSec: number;
  readonly encodeIterations: number;
  readonly decodeIterations: number;
}

/** The channel-order type built exactly as AvroSerde builds its reader type, so this is the hot path services run. */
export function channelOrderType(): avro.Type {
  return avro.Type.forSchema(Topics.channelOrders.valueSchema as avro.Schema, { omitRecordMethods: true });
}

/** Size of the "order-sized" event everywhere in the benchmarks (also the Java producer's record size). */
export function channelOrderAvroBytes(): number {
  return channelOrderType().toBuffer(sampleChannelOrder()).length;
}

export function measureAvroCodec(options: AvroCodecOptions): AvroCodecResult {
  const type = channelOrderType();
  const order = sampleChannelOrder();
  const encoded = type.toBuffer(order);
  // Results feed a checksum that is returned, so V8 cannot drop the work as dead code.
  let checksum = 0;
  const encode = () => {
    checksum += type.toBuffer(order).length;
  };
  const decode = () => {
    checksum += (type.fromBuffer(encoded) as { lines: unknown[] }).lines.length;
  };
  timedLoop(encode, options.warmup, options.maxMs);
  timedLoop(decode, options.warmup, options.maxMs);
  const encoding = timedLoop(encode, options.iterations, options.maxMs);
  const decoding = timedLoop(decode, options.iterations, options.maxMs);
  if (checksum <= 0) throw new Error('avro codec loop did no work');
  return {
    bytes: encoded.length,
    encodeOpsPerSec: encoding.opsPerSec,
    decodeOpsPerSec: decoding.opsPerSec,
    encodeIterations: encoding.iterations,
    decodeIterations: decoding.iterations,
  };
}

/** Runs `op` up to `iterations` times; the clock is read every 1,024 calls to keep its cost out of the rate. */
function timedLoop(op: () => void, iterations: number, maxMs: number): { iterations: number; opsPerSec: number } {
  const start = monotonicMs();
  let done = 0;
  while (done < iterations) {
    const chunk = Math.min(1_024, iterations - done);
    for (let i = 0; i < chunk; i++) op();
    done += chunk;
    if (monotonicMs() - start > maxMs) break;
  }
  const elapsedMs = monotonicMs() - start;
  return { iterations: done, opsPerSec: (done / elapsedMs) * 1_000 };
}
