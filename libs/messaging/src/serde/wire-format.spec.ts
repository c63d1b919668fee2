import { PoisonMessageError } from '../errors/message-errors';
import { frame, unframe } from './wire-format';

describe('Confluent wire format', () => {
  it('round-trips schema id and body', () => {
    const framed = frame(123456, Buffer.from('avro'));
    expect([...framed.subarray(0, 5)]).toEqual([0, 0, 1, 0xe2, 0x40]);
    expect(unframe(framed)).toEqual({ schemaId: 123456, body: Buffer.from('avro') });
  });

  it.each([
    ['empty', null, /empty/],
    ['too short', Buffer.from([0, 1]), /2 bytes/],
    ['wrong magic byte', Buffer.from('{"orderId":1}'), /magic byte is 123/],
  ])('rejects a %s value as a malformed envelope', (_name, value, reason) => {
    expect(() => unframe(value)).toThrow(PoisonMessageError);
    expect(() => unframe(value)).toThrow(reason);
  });
});
