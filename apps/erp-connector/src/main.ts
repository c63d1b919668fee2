import './instrument';
import { loadConfig } from '@crossdock/config';
import { erpConnectorConfigSchema } from './config/erp-connector-config.schema';
import { startErpConnector } from './erp-connector.service-runner';

async function main(): Promise<void> {
  const { HTTP_PORT } = loadConfig(erpConnectorConfigSchema);
  await startErpConnector({ port: HTTP_PORT });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
