import { ErpWarehouses, type SimulatedErpSource } from '@crossdock/connectors/simulators';

/** Hub location -> the simulated ERP's warehouse code (SIMULATED_ERP_WAREHOUSE_MAP, reversed). */
const WAREHOUSE_OF: Readonly<Record<string, string>> = {
  'DC-RENO': ErpWarehouses.reno,
  'DC-ATLANTA': ErpWarehouses.atlanta,
  '3PL-DALLAS': ErpWarehouses.dallas3pl,
};

export interface BatchResult {
  readonly status: number;
  readonly availability?: { readonly sku: string; readonly locations: readonly { readonly locationId: string; readonly reserved: number }[] };
}

export interface CarryOver {
  readonly sku: string;
  readonly warehouseCode: string;
  readonly quantity: number;
}

/**
 * Units still reserved for orders of earlier demo runs (accepted, never shipped: nothing ships in
 * the demo) are physically still in the warehouse. The simulated ERP restarts with its seeded stock
 * every run, so they are added back to its on-hand; otherwise every rerun would sell from less.
 */
export function carryOverFromReservations(results: readonly BatchResult[]): CarryOver[] {
  return results.flatMap((result) =>
    result.status === 200 && result.availability
      ? result.availability.locations.flatMap((location) => {
          const warehouseCode = WAREHOUSE_OF[location.locationId];
          return warehouseCode && location.reserved > 0 ? [{ sku: result.availability?.sku ?? '', warehouseCode, quantity: location.reserved }] : [];
        })
      : [],
  );
}

/** Reads open reservations from availability's API and adds them to the simulated ERP's on-hand; units added. */
export async function carryOverReservedStock(availabilityUrl: string, erp: SimulatedErpSource, skus: readonly string[]): Promise<number> {
  const response = await fetch(`${availabilityUrl}/availability/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ queries: skus.map((sku) => ({ sku, channelAccountId: 'acme-outdoor' })) }),
  });
  if (!response.ok) throw new Error(`availability batch query: HTTP ${response.status}`);
  const { results } = (await response.json()) as { results: BatchResult[] };
  let units = 0;
  for (const move of carryOverFromReservations(results)) {
    const row = erp.stockRow(move.sku, move.warehouseCode);
    erp.setOnHand(move.sku, move.warehouseCode, (row?.onHandQty ?? 0) + move.quantity);
    units += move.quantity;
  }
  return units;
}
