import { FlatFileErpAdapter } from '../flat-file/flat-file-erp.adapter';
import { RestErpAdapter } from '../rest/rest-erp.adapter';
import { erpAdapterConfigSchema } from '@crossdock/erp/client';
import { createErpOrderPort } from './erp-order-port.factory';

describe('createErpOrderPort', () => {
  it('chooses the REST adapter by config', () => {
    const config = erpAdapterConfigSchema.parse({
      ERP_ADAPTER: 'rest',
      ERP_REST_BASE_URL: 'http://127.0.0.1:9/api',
      ERP_SYSTEM: 'netsuite-prod',
    });
    const port = createErpOrderPort(config);
    expect(port).toBeInstanceOf(RestErpAdapter);
    expect(port.erpSystem).toBe('netsuite-prod');
  });

  it('chooses the flat-file adapter by config, with timeouts from the environment', () => {
    const config = erpAdapterConfigSchema.parse({
      ERP_ADAPTER: 'flat-file',
      ERP_FILE_DROP_DIR: '/srv/erp/in',
      ERP_FILE_ACK_DIR: '/srv/erp/ack',
      ERP_FILE_ACK_TIMEOUT_MS: '5000',
    });
    expect(config).toMatchObject({ ERP_FILE_ACK_TIMEOUT_MS: 5_000, ERP_SYSTEM: 'legacy-erp' });
    expect(createErpOrderPort(config)).toBeInstanceOf(FlatFileErpAdapter);
  });

  it('refuses an incomplete configuration, naming the missing variable', () => {
    const result = erpAdapterConfigSchema.safeParse({ ERP_ADAPTER: 'flat-file', ERP_FILE_DROP_DIR: '/srv/erp/in' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['ERP_FILE_ACK_DIR']);
    expect(erpAdapterConfigSchema.safeParse({ ERP_ADAPTER: 'soap' }).success).toBe(false);
  });
});
