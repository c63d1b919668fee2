import { erpAdapterConfigSchema } from '@crossdock/erp/client';
import { FlatFileErpShipmentConfirmationAdapter } from '../flat-file/flat-file-erp-shipment-confirmation.adapter';
import { RestErpShipmentConfirmationAdapter } from '../rest/rest-erp-shipment-confirmation.adapter';
import { createErpShipmentConfirmationPort } from './erp-shipment-confirmation-port.factory';

describe('createErpShipmentConfirmationPort', () => {
  it('chooses the REST adapter from the same ERP_* variables as order submission', () => {
    const port = createErpShipmentConfirmationPort(
      erpAdapterConfigSchema.parse({ ERP_ADAPTER: 'rest', ERP_REST_BASE_URL: 'http://127.0.0.1:9/api', ERP_SYSTEM: 'netsuite-prod' }),
    );
    expect(port).toBeInstanceOf(RestErpShipmentConfirmationAdapter);
    expect(port.erpSystem).toBe('netsuite-prod');
  });

  it('chooses the flat-file adapter by config', () => {
    const port = createErpShipmentConfirmationPort(
      erpAdapterConfigSchema.parse({ ERP_ADAPTER: 'flat-file', ERP_FILE_DROP_DIR: '/srv/erp/in', ERP_FILE_ACK_DIR: '/srv/erp/ack' }),
    );
    expect(port).toBeInstanceOf(FlatFileErpShipmentConfirmationAdapter);
    expect(port.erpSystem).toBe('legacy-erp');
  });
});
