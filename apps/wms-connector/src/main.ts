import './instrument';
import { loadConfig } from '@crossdock/config';
import { wmsConnectorConfigSchema } from './config/wms-connector-config.schema';
import { startWmsConnector } from './wms-connector.service-runner';

async function main(): Promise<void> {
  const { HTTP_PORT } = loadConfig(wmsConnectorConfigSchema);
  await startWmsConnector({ port: HTTP_PORT });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
