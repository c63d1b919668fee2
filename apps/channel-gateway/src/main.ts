import './instrument';
import { loadConfig } from '@crossdock/config';
import { channelGatewayConfigSchema } from './config/channel-gateway-config.schema';
import { startChannelGateway } from './channel-gateway.service-runner';

async function main(): Promise<void> {
  const { HTTP_PORT } = loadConfig(channelGatewayConfigSchema, process.env);
  await startChannelGateway({ port: HTTP_PORT });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
