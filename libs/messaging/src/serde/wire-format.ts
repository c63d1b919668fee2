import { DeadLetterCode, PoisonMessageError } from '../errors/message-errors';

const MAGIC_BYTE = 0;
const HEADER_LENGTH = 5;

/** Writes the Avro body of a value at `offset` of `target`; returns the end, or a negative shortfall (avsc's Type.encode). */
export type BodyWriter = (target: Buffer, offset: number) => number;

/**
 * Confluent wire format: magic byte 0, 4-byte big-endian schema id, then the Avro binary body.
 * A framer for one schema id writes header and body into a scratch buffer and copies the result
 * out once: the hot path of a batch then allocates one small buffer per record instead of
 * three (the body, the header, the concatenation). The scratch grows to fit the largest record.
 */
export function framer(schemaId: number): (writeBody: BodyWriter) => Buffer {
  let scratch = Buffer.alloc(1_024);
  scratch.writeUInt8(MAGIC_BYTE, 0);
  scratch.writeUInt32BE(schemaId, 1);
  return (writeBody) => {
    let end = writeBody(scratch, HEADER_LENGTH);
    while (end < 0) {
      const grown = Buffer.alloc(Math.max(scratch.length * 2, scratch.length - end));
      scratch.copy(grown, 0, 0, HEADER_LENGTH);
      scratch = grown;
      end = writeBody(scratch, HEADER_LENGTH);
    }
    return Buffer.from(scratch.subarray(0, end));
  };
}

export function unframe(message: Buffer | null): { schemaId: number; body: Buffer } {
  if (!message || message.length < HEADER_LENGTH) {
    throw new PoisonMessageError(
      DeadLetterCode.MalformedEnvelope,
      `value is ${message ? `${message.length} bytes` : 'empty'}, shorter than the 5-byte Confluent header`,
    );
  }
  if (message.readUInt8(0) !== MAGIC_BYTE) {
    throw new PoisonMessageError(DeadLetterCode.MalformedEnvelope, `magic byte is ${message.readUInt8(0)}, expected 0 (not Confluent wire format)`);
  }
  return { schemaId: message.readUInt32BE(1), body: message.subarray(HEADER_LENGTH) };
}
