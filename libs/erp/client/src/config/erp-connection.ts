import type { AckFileExchangeOptions } from '../flat-file/ack-file.exchange';
import type { ErpHttpOptions } from '../rest/erp-http.caller';
import type { ErpAdapterConfig } from './erp-adapter.config';

/** How to reach the configured ERP: its REST API or its import folders, with its instance name. */
export type ErpConnection =
  | { readonly kind: 'rest'; readonly options: ErpHttpOptions & { readonly erpSystem: string } }
  | { readonly kind: 'flat-file'; readonly options: AckFileExchangeOptions & { readonly erpSystem: string } };

/** The one reading of the ERP_* variables into adapter options, whichever document a service posts. */
export function erpConnection(config: ErpAdapterConfig): ErpConnection {
  switch (config.ERP_ADAPTER) {
    case 'rest':
      return {
        kind: 'rest',
        options: {
          erpSystem: config.ERP_SYSTEM,
          baseUrl: config.ERP_REST_BASE_URL,
          apiKey: config.ERP_REST_API_KEY ?? null,
          timeoutMs: config.ERP_REST_TIMEOUT_MS,
        },
      };
    case 'flat-file':
      return {
        kind: 'flat-file',
        options: {
          erpSystem: config.ERP_SYSTEM,
          dropDir: config.ERP_FILE_DROP_DIR,
          ackDir: config.ERP_FILE_ACK_DIR,
          ackTimeoutMs: config.ERP_FILE_ACK_TIMEOUT_MS,
          pollMs: config.ERP_FILE_POLL_MS,
          noAckRetryAfterMs: config.ERP_FILE_NO_ACK_RETRY_AFTER_MS,
        },
      };
  }
}
