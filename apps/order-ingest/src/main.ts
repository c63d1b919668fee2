import './instrument';
import { loadConfig } from '@crossdock/config';
import { orderIngestConfigSchema } from './config/order-ingest-config.schema';
import { startOrderIngest } from './order-ingest.service-runner';

async function main(): Promise<void> {
  const { HTTP_PORT } = loadConfig(orderIngestConfigSchema);
  await startOrderIngest({ port: HTTP_PORT });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
