import { ConfigError, loadConfig } from '@crossdock/config';
import { erpConnectorConfigSchema } from './erp-connector-config.schema';

const valid = {
  SERVICE_NAME: 'erp-connector',
  DATABASE_URL: 'postgresql://u:p@localhost:5432/erp_connector',
  ERP_BASE_URL: 'http://erp.local:4101',
  ERP_WAREHOUSE_MAP: '01=DC-RENO:WAREHOUSE,90=3PL-DALLAS:THIRD_PARTY_LOGISTICS',
};

describe('erpConnectorConfigSchema', () => {
  it('fills the defaults and parses the warehouse map', () => {
    const config = loadConfig(erpConnectorConfigSchema, valid);
    expect(config).toMatchObject({
      SERVICE_NAME: 'erp-connector',
      ERP_SOURCE_SYSTEM: 'erp',
      POLL_INTERVAL_MS: 5_000,
      POLL_PAGE_SIZE: 200,
      RESYNC_ON_START: false,
    });
    expect(config.ERP_WAREHOUSE_MAP.get('90')).toEqual({ locationId: '3PL-DALLAS', locationType: 'THIRD_PARTY_LOGISTICS' });
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig(erpConnectorConfigSchema, { ...valid, ERP_BASE_URL: 'erp', ERP_WAREHOUSE_MAP: '01=DC-RENO:BARN', POLL_PAGE_SIZE: '0' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/ERP_BASE_URL/);
    expect(problems).toMatch(/ERP_WAREHOUSE_MAP: '01=DC-RENO:BARN': location type BARN/);
    expect(problems).toMatch(/POLL_PAGE_SIZE/);
  });
});
