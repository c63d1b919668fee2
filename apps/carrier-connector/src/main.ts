import { runService } from '@crossdock/service-kit/main';

runService(() => import('./carrier-connector.app').then((app) => app.CarrierConnectorApp));
