/** A goods issue the ERP posted for an order line, as far as on-hand is concerned. */
export interface ErpPostingFact {
  readonly quantity: number;
  /** By the ERP's clock: an ERP position with asOf at or after it has these units off its on-hand. */
  readonly postedAt: number;
}

/** What the hub knows of one order line's shipped, consumed units at one location. */
export interface ConsumedLineFacts {
  /** Units of the line's reservation turned into a shipment. */
  readonly consumedQuantity: number;
  /** Units of the line shipped from the location, reserved or not. */
  readonly shippedQuantity: number;
  readonly postings: readonly ErpPostingFact[];
}

/**
 * Consumed units the ERP's on-hand does not reflect yet, which must still be subtracted from
 * sellable like open reservations. A shipped unit leaves the reservation (consumed) before the
 * ERP lowers its on-hand: subtracting neither in between would show units that are gone, and
 * subtracting both after would count them twice. So a unit is awaiting the ERP until a posting
 * covers it AND the ERP position in hand is as of that posting or later (`erpAsOf` ≥ `postedAt`);
 * shipped units without any posting stay awaiting, as do all of them while the ERP reports no
 * position here (`erpAsOf` undefined).
 *
 * Postings cover the line's shipped units, reserved or not; the reflected ones are taken off the
 * shipped units before the consumed ones, so a line that shipped more than it had reserved never
 * un-subtracts a consumed unit the ERP has not issued yet.
 */
export function unitsAwaitingErp(line: ConsumedLineFacts, erpAsOf: number | undefined): number {
  if (line.consumedQuantity <= 0) return 0;
  let reflected = 0;
  if (erpAsOf !== undefined) for (const posting of line.postings) if (posting.postedAt <= erpAsOf) reflected += posting.quantity;
  return Math.min(line.consumedQuantity, Math.max(0, line.shippedQuantity - reflected));
}
