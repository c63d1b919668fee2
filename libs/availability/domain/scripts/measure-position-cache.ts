// Loads synthetic ERP + WMS positions into a PositionCache and prints heap used and load time.
// Run: SWC_NODE_PROJECT=tsconfig.base.json node --expose-gc -r @swc-node/register \
//        libs/availability/domain/scripts/measure-position-cache.ts [skuLocations] [locationsPerSku]
import type { InventoryPosition } from '@crossdock/contracts';
import { PositionCache } from '../src/positions/position.cache';

const skuLocations = Number(process.argv[2] ?? 1_000_000);
const locationsPerSku = Number(process.argv[3] ?? 3);
const locations = Array.from({ length: locationsPerSku }, (_, i) => `LOC-${String(i).padStart(3, '0')}`);
const known = new Set(locations);
const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage();
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const before = heap();
const cache = new PositionCache({ isKnownLocation: (id) => known.has(id) });
const started = process.hrtime.bigint();
for (let i = 0; i < skuLocations; i++) {
  const base: InventoryPosition = {
    // Fresh strings per record, as an Avro decoder would produce them.
    sku: `SKU-${String(Math.floor(i / locationsPerSku)).padStart(8, '0')}`,
    locationId: locations[i % locationsPerSku] ?? 'LOC-000',
    locationType: 'WAREHOUSE',
    unitOfMeasure: 'EA',
    onHand: 100 + (i % 50),
    allocated: i % 7,
    qualityHold: i % 3,
    // One position in ten has an open PO: inbound lists are the only per-entry objects kept.
    inbound:
      i % 10 === 0
        ? [
            {
              quantity: 24,
              expectedAt: 1_750_000_000_000,
              sourceType: 'PURCHASE_ORDER',
              reference: `PO-${i}`,
            },
          ]
        : [],
    sourceSystem: 'netsuite-prod',
    asOf: 1_750_000_000_000 + i,
    version: 1,
  };
  cache.apply('ERP', base);
  cache.apply('WMS', {
    ...base,
    inbound: [],
    sourceSystem: 'manhattan-dc1',
    version: 2,
  });
}
const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
const after = heap();
const stats = cache.stats();
const lookupStarted = process.hrtime.bigint();
let found = 0;
for (let i = 0; i < 100_000; i++) found += cache.stockOf(`SKU-${String((i * 7919) % Math.ceil(skuLocations / locationsPerSku)).padStart(8, '0')}`).length;
const lookupUs = Number(process.hrtime.bigint() - lookupStarted) / 1e3 / 100_000;

process.stdout.write(
  [
    `positions applied: ${skuLocations * 2} (${stats.erpPositions} ERP + ${stats.wmsPositions} WMS) over ${stats.skuLocations} SKU-locations, ${stats.skus} SKUs`,
    `load time: ${elapsedMs.toFixed(0)} ms (${Math.round((skuLocations * 2) / (elapsedMs / 1000))} positions/s)`,
    `heap used: ${mb(after.heapUsed - before.heapUsed)} (+ ${mb(after.arrayBuffers - before.arrayBuffers)} typed arrays) → ${(
      (after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) /
      stats.skuLocations
    ).toFixed(0)} bytes per SKU-location; rss ${mb(after.rss)}`,
    `stockOf(sku) lookup: ${lookupUs.toFixed(2)} µs average (${found} location stocks read)`,
    gc ? '' : 'note: run with --expose-gc for exact heap figures',
  ].join('\n') + '\n',
);
