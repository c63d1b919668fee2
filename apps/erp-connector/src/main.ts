import { runService } from '@crossdock/service-kit/main';

runService(() => import('./erp-connector.app').then((app) => app.ErpConnectorApp));
