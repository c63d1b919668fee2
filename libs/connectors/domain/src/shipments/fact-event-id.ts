import { createHash } from 'node:crypto';

/** A fixed namespace, so the same fact gets the same id in every process and release. */
const SHIPMENT_FACT_NAMESPACE = Buffer.from('6c1f2a9e4b7d4e0f9a3c5d8e7f60a1b2', 'hex');

/**
 * eventId of a shipment fact: a name-based UUID (RFC 9562 version 5 layout) of its source system
 * and business key, so a re-read feed page or a re-dropped file carries the same id.
 */
export function shipmentFactEventId(sourceSystem: string, factKey: string): string {
  const bytes = createHash('sha1').update(SHIPMENT_FACT_NAMESPACE).update(`${sourceSystem}|${factKey}`, 'utf8').digest().subarray(0, 16);
  bytes.writeUInt8((bytes.readUInt8(6) & 0x0f) | 0x50, 6);
  bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8);
  return bytes.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
}
