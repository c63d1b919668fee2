import type { Provider } from '@nestjs/common';
import { APP_CONFIG } from '@crossdock/config';
import { createErpOrderPort } from '@crossdock/order-ingest/erp';
import type { OrderIngestConfig } from '../config/order-ingest-config.schema';

/** Injection token of the one ERP order port; which adapter sits behind it is configuration. */
export const ERP_ORDER_PORT = Symbol('ERP_ORDER_PORT');

export const erpOrderPortProvider: Provider = {
  provide: ERP_ORDER_PORT,
  inject: [APP_CONFIG],
  useFactory: (config: OrderIngestConfig) => createErpOrderPort(config),
};
