import { PoisonMessageError } from '../errors/message-errors';
import * as avro from 'avsc';
import { framer, unframe } from './wire-format';

const header = (schemaId: number) => Buffer.from([0, (schemaId >>> 24) & 0xff, (schemaId >>> 16) & 0xff, (schemaId >>> 8) & 0xff, schemaId & 0xff]);

describe('Confluent wire format', () => {
  it('round-trips schema id and body', () => {
    const framed = framer(123456)((target, offset) => offset + Buffer.from('avro').copy(target, offset));
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

  it('framer writes header then body, growing its scratch for large records and never sharing it', () => {
    const type = avro.Type.forSchema({ type: 'record', name: 'Note', fields: [{ name: 'text', type: 'string' }] });
    const framed = framer(77);
    const small = framed((target, offset) => type.encode({ text: 'hi' }, target, offset));
    const large = framed((target, offset) => type.encode({ text: 'x'.repeat(5_000) }, target, offset));
    const again = framed((target, offset) => type.encode({ text: 'hi' }, target, offset));
    expect(small).toEqual(Buffer.concat([header(77), type.toBuffer({ text: 'hi' })]));
    expect(large).toEqual(Buffer.concat([header(77), type.toBuffer({ text: 'x'.repeat(5_000) })]));
    expect(again).toEqual(small);
    expect(type.fromBuffer(unframe(large).body)).toEqual({ text: 'x'.repeat(5_000) });
  });
});
