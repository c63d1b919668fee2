import { runService } from '@crossdock/service-kit/main';

runService(() => import('./shipment-events.app').then((app) => app.ShipmentEventsApp));
