import { carrierFamily, type CarrierFamily } from '../wms/parcel-labels.generator';
import type { CarrierSimulator } from './carrier.simulator';

/** A carton a warehouse has shipped: what the carrier's driver scans at pickup. */
export interface ShippedParcel {
  readonly carrier: string;
  readonly trackingNumber: string;
  /** The warehouse's id for the carton (SSCC), so a tracking number given to a second carton is seen as reused. */
  readonly cartonId: string;
}

/** EasyPost's `carrier` value per carrier family. */
const EASYPOST_CARRIER: Record<CarrierFamily, string> = { UPS: 'UPS', FEDEX: 'FedEx', USPS: 'USPS' };

/**
 * The driver's pickup: every `intervalMs`, each carton the warehouses report shipped and the carrier
 * does not follow yet is handed to the carrier simulator, which runs a journey for it. A tracking
 * number that comes back on another carton (carriers recycle numbers) gets a new tracker, as the
 * carrier would issue. Returns the stop function.
 */
export function startParcelHandoff(
  carrier: Pick<CarrierSimulator, 'follow'>,
  warehouses: ReadonlyArray<() => Iterable<ShippedParcel>>,
  intervalMs = 500,
): () => void {
  const handedOff = new Set<string>();
  const numbersInUse = new Set<string>();
  const handOff = () => {
    for (const shipped of warehouses) {
      for (const parcel of shipped()) {
        if (handedOff.has(parcel.cartonId)) continue;
        handedOff.add(parcel.cartonId);
        const reused = numbersInUse.has(parcel.trackingNumber);
        numbersInUse.add(parcel.trackingNumber);
        carrier.follow(EASYPOST_CARRIER[carrierFamily(parcel.carrier)], parcel.trackingNumber, undefined, reused ? { reissue: true } : {});
      }
    }
  };
  const timer = setInterval(handOff, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
