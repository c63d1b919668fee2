import type { ChannelAvailability } from '@crossdock/contracts';

/** What a channel-availability record says, without when and by which instance it was computed. */
export type FigureContent = Omit<ChannelAvailability, 'computedAt' | 'version' | 'basedOnAsOf'>;

/**
 * A number that changes whenever anything a reader of the record sees changes: the sellable
 * quantity, and also the per-location breakdown, the safety stock, buffer and cap applied, the
 * rule set. Comparing the sellable quantity alone left a record's breakdown stale when a
 * reservation moved units without changing the total a cap or ring-fence allows, so two publishers
 * that computed at different moments could leave different records with the same quantity.
 * `computedAt`, `version` and `basedOnAsOf` are left out: a figure recomputed with nothing else
 * changed is not news. A 52-bit hash (two FNV-1a passes): a collision, one in 4.5·10^15 changes,
 * would only delay a breakdown's update to the key's next change.
 */
export function figureFingerprint(figure: FigureContent): number {
  let text = `${figure.sellableQuantity}|${figure.channelSku ?? ''}|${figure.safetyStockApplied}|${figure.bufferApplied}|${figure.cap ?? ''}|${figure.ruleSetVersion ?? ''}`;
  for (const l of figure.locations) {
    text += `|${l.locationId},${l.locationType},${l.onHand},${l.allocated},${l.qualityHold},${l.reserved},${l.inboundCounted},${l.sellableQuantity}`;
  }
  return fnv1a(text, 0x811c9dc5) * 2 ** 20 + (fnv1a(text, 0x01000193) >>> 12);
}

function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
