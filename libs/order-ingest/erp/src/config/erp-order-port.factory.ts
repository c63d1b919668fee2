import { type ErpAdapterConfig, erpConnection } from '@crossdock/erp/client';
import type { ErpOrderPort } from '@crossdock/order-ingest/domain';
import { FlatFileErpAdapter } from '../flat-file/flat-file-erp.adapter';
import { RestErpAdapter } from '../rest/rest-erp.adapter';

/** The one place that knows which adapter sits behind ErpOrderPort. */
export function createErpOrderPort(config: ErpAdapterConfig): ErpOrderPort {
  const connection = erpConnection(config);
  return connection.kind === 'rest' ? new RestErpAdapter(connection.options) : new FlatFileErpAdapter(connection.options);
}
