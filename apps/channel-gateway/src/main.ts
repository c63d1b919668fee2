import { runService } from '@crossdock/service-kit/main';

runService(() => import('./channel-gateway.app').then((app) => app.ChannelGatewayApp));
