import { runService } from '@crossdock/service-kit/main';

runService(() => import('./wms-connector.app').then((app) => app.WmsConnectorApp));
