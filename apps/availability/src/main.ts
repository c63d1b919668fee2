import './instrument';
import { loadConfig } from '@crossdock/config';
import { availabilityConfigSchema } from './config/availability-config.schema';
import { startAvailability } from './availability.service-runner';

async function main(): Promise<void> {
  const { HTTP_PORT } = loadConfig(availabilityConfigSchema);
  await startAvailability({ port: HTTP_PORT });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
