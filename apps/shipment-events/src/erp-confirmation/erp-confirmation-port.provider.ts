import type { Provider } from '@nestjs/common';
import { APP_CONFIG } from '@crossdock/config';
import { createErpShipmentConfirmationPort, type ErpShipmentConfirmationPort } from '@crossdock/shipment-events/erp';
import type { ShipmentEventsConfig } from '../config/shipment-events-config.schema';

/** Injection token of the one ERP ship-confirmation port; null when no ERP is configured (ERP_ADAPTER unset or none). */
export const ERP_SHIPMENT_CONFIRMATION_PORT = Symbol('ERP_SHIPMENT_CONFIRMATION_PORT');

export const erpShipmentConfirmationPortProvider: Provider = {
  provide: ERP_SHIPMENT_CONFIRMATION_PORT,
  inject: [APP_CONFIG],
  useFactory: (config: ShipmentEventsConfig): ErpShipmentConfirmationPort | null =>
    config.ERP_ADAPTER === 'rest' || config.ERP_ADAPTER === 'flat-file' ? createErpShipmentConfirmationPort(config) : null,
};
