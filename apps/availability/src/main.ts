import { runService } from '@crossdock/service-kit/main';

runService(() => import('./availability.app').then((app) => app.AvailabilityApp));
