import { DeadLetterCode, PoisonMessageError } from '../errors/message-errors';

const MAGIC_BYTE = 0;
const HEADER_LENGTH = 5;

/** Confluent wire format: magic byte 0, 4-byte big-endian schema id, then the Avro binary body. */
export function frame(schemaId: number, body: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeUInt8(MAGIC_BYTE, 0);
  header.writeUInt32BE(schemaId, 1);
  return Buffer.concat([header, body]);
}

export function unframe(message: Buffer | null): { schemaId: number; body: Buffer } {
  if (!message || message.length < HEADER_LENGTH) {
    throw new PoisonMessageError(DeadLetterCode.MalformedEnvelope, `value is ${message ? `${message.length} bytes` : 'empty'}, shorter than the 5-byte Confluent header`);
  }
  if (message.readUInt8(0) !== MAGIC_BYTE) {
    throw new PoisonMessageError(DeadLetterCode.MalformedEnvelope, `magic byte is ${message.readUInt8(0)}, expected 0 (not Confluent wire format)`);
  }
  return { schemaId: message.readUInt32BE(1), body: message.subarray(HEADER_LENGTH) };
}
