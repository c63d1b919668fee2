import type { LocationStock, PositionFigures, PositionSource, SkuLocationPositions } from './stock.types';

/**
 * Combines the ERP and WMS positions of one SKU-location into one stock picture.
 *
 * Field ownership when both report (README.md, "ERP/WMS field ownership"):
 * - on-hand: ERP. It is the system of record for stock valuation and the brief's "ERP on-hand";
 *   the WMS count of the same units is a second opinion, and adding them would double the stock.
 * - allocated and quality hold: WMS, with the ERP figure as a floor (max, never sum). Both count
 *   the same physical units (an order released to the warehouse is an ERP commitment and a WMS
 *   allocation), so summing double-deducts; but the ERP knows commitments not yet released to the
 *   WMS and holds raised in ERP quality management, so taking the WMS figure alone could expose
 *   units that are already promised. max() is the largest figure either system vouches for.
 * - inbound: ERP (open purchase orders and transfers are ERP documents). A WMS ASN usually
 *   describes the same goods as an ERP PO under another number; without a PO reference on the
 *   ASN we cannot match them, so WMS inbound is used only where the ERP has no position.
 * When only one source reports (a 3PL the ERP does not mirror, or an ERP-only location), its
 * position is used whole. When neither reports, the stock is unknown: undefined, never zero.
 */
export function mergeStockPositions(positions: SkuLocationPositions): LocationStock | undefined {
  const { sku, locationId, erp, wms } = positions;
  if (erp && wms) {
    return {
      sku,
      locationId,
      onHand: erp.onHand,
      allocated: Math.max(erp.allocated, wms.allocated),
      qualityHold: Math.max(erp.qualityHold, wms.qualityHold),
      inbound: erp.inbound,
      asOf: Math.min(erp.asOf, wms.asOf),
      sources: BOTH,
    };
  }
  const only = erp ?? wms;
  if (!only) return undefined;
  return fromSingleSource(sku, locationId, only, erp ? ERP_ONLY : WMS_ONLY);
}

function fromSingleSource(sku: string, locationId: string, figures: PositionFigures, sources: readonly PositionSource[]): LocationStock {
  return {
    sku,
    locationId,
    onHand: figures.onHand,
    allocated: figures.allocated,
    qualityHold: figures.qualityHold,
    inbound: figures.inbound,
    asOf: figures.asOf,
    sources,
  };
}

const BOTH: readonly PositionSource[] = ['ERP', 'WMS'];
const ERP_ONLY: readonly PositionSource[] = ['ERP'];
const WMS_ONLY: readonly PositionSource[] = ['WMS'];
