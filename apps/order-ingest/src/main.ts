import { runService } from '@crossdock/service-kit/main';

runService(() => import('./order-ingest.app').then((app) => app.OrderIngestApp));
