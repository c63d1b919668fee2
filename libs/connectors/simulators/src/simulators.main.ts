// Runs the ERP and WMS simulators as standalone HTTP servers with moving stock, for `npx nx serve`
// of the connectors by hand or a demo in another process. Ports: ERP_SIMULATOR_PORT (4101),
// WMS_SIMULATOR_PORT (4102); SIMULATOR_SEED (42); SIMULATOR_ACTIVITY_MS (2000, 0 = still).
import { startErpFeedSimulator } from './erp/erp-feed.simulator';
import { SIMULATED_ERP_WAREHOUSE_MAP } from './erp/simulated-erp.source';
import { startWmsFeedSimulator } from './wms/wms-feed.simulator';
import { SIMULATED_WMS_FACILITY_MAP } from './wms/simulated-wms.source';

async function main(): Promise<void> {
  const seed = Number(process.env['SIMULATOR_SEED'] ?? 42);
  const activity = Number(process.env['SIMULATOR_ACTIVITY_MS'] ?? 2000);
  const erp = await startErpFeedSimulator({ seed, port: Number(process.env['ERP_SIMULATOR_PORT'] ?? 4101), activityIntervalMs: activity || undefined });
  const wms = await startWmsFeedSimulator({ seed, port: Number(process.env['WMS_SIMULATOR_PORT'] ?? 4102), activityIntervalMs: activity || undefined });
  console.warn(`ERP simulator ${erp.baseUrl} (ERP_WAREHOUSE_MAP=${SIMULATED_ERP_WAREHOUSE_MAP})`);
  console.warn(`WMS simulator ${wms.baseUrl} (WMS_FACILITY_MAP=${SIMULATED_WMS_FACILITY_MAP})`);
  const stop = () => void Promise.all([erp.stop(), wms.stop()]).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
