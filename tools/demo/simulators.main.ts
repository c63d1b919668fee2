// The simulated systems around the hub as one standalone process (docker-compose's `simulators`
// service, or by hand): ERP order API :4103, ERP item/stock feeds :4101, WMS feed :4102, SP-API
// :4104, the carrier :4105 (webhooks to CARRIER_WEBHOOK_URL), and order-ingest's reference data for their catalog in CROSSDOCK_HUB_WORK_DIR.
import { join } from 'node:path';
import { skuCatalog } from '@crossdock/connectors/simulators';
import { writeDemoReferenceData } from './hub/reference-data.writer';
import { describeSimulators, startSimulators } from './hub/simulators';

async function main(): Promise<void> {
  const seed = Number(process.env['SIMULATOR_SEED'] ?? 42);
  const workDir = process.env['CROSSDOCK_HUB_WORK_DIR'] ?? 'tmp/hub';
  const skus = skuCatalog(seed, 300).map((item) => item.sku);
  const referenceDataDir = writeDemoReferenceData(join(workDir, 'reference-data'), skus, `s${seed}n300`);
  const { simulators } = await startSimulators(process.env, {
    seed,
    itemCount: 300,
    activityMs: Number(process.env['SIMULATOR_ACTIVITY_MS'] ?? 2000),
    ports: { erpFeed: 4101, wmsFeed: 4102, erpOrders: 4103, spApi: 4104, carrier: 4105 },
    workDir,
    referenceDataDir,
    // docker-compose names the service's host; by hand it is the local npm start's port.
    carrierWebhookUrl: process.env['CARRIER_WEBHOOK_URL'] ?? 'http://127.0.0.1:3007/webhooks/easypost',
  });
  for (const line of describeSimulators(simulators)) console.error(`[simulators] ${line}`);
  console.error(`[simulators] order-ingest reference data: ${referenceDataDir}`);
  const stop = () => void simulators.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
