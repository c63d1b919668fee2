import type { ErpOrderPort } from '@crossdock/order-ingest/domain';
import { FlatFileErpAdapter } from '../flat-file/flat-file-erp.adapter';
import { RestErpAdapter } from '../rest/rest-erp.adapter';
import type { ErpAdapterConfig } from '@crossdock/erp/client';

/** The one place that knows which adapter sits behind ErpOrderPort. */
export function createErpOrderPort(config: ErpAdapterConfig): ErpOrderPort {
  switch (config.ERP_ADAPTER) {
    case 'rest':
      return new RestErpAdapter({
        erpSystem: config.ERP_SYSTEM,
        baseUrl: config.ERP_REST_BASE_URL,
        apiKey: config.ERP_REST_API_KEY ?? null,
        timeoutMs: config.ERP_REST_TIMEOUT_MS,
      });
    case 'flat-file':
      return new FlatFileErpAdapter({
        erpSystem: config.ERP_SYSTEM,
        dropDir: config.ERP_FILE_DROP_DIR,
        ackDir: config.ERP_FILE_ACK_DIR,
        ackTimeoutMs: config.ERP_FILE_ACK_TIMEOUT_MS,
        pollMs: config.ERP_FILE_POLL_MS,
        noAckRetryAfterMs: config.ERP_FILE_NO_ACK_RETRY_AFTER_MS,
      });
  }
}
