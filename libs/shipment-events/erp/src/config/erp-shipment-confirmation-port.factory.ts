import { type ErpAdapterConfig, erpConnection } from '@crossdock/erp/client';
import type { ErpShipmentConfirmationPort } from '../erp-shipment-confirmation.port';
import { FlatFileErpShipmentConfirmationAdapter } from '../flat-file/flat-file-erp-shipment-confirmation.adapter';
import { RestErpShipmentConfirmationAdapter } from '../rest/rest-erp-shipment-confirmation.adapter';

/** The one place that knows which adapter sits behind ErpShipmentConfirmationPort (the same ERP_* variables as order-ingest). */
export function createErpShipmentConfirmationPort(config: ErpAdapterConfig): ErpShipmentConfirmationPort {
  const connection = erpConnection(config);
  return connection.kind === 'rest'
    ? new RestErpShipmentConfirmationAdapter(connection.options)
    : new FlatFileErpShipmentConfirmationAdapter(connection.options);
}
