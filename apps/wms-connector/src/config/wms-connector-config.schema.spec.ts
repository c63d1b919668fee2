import { ConfigError, loadConfig } from '@crossdock/config';
import { wmsConnectorConfigSchema } from './wms-connector-config.schema';

const valid = {
  SERVICE_NAME: 'wms-connector',
  DATABASE_URL: 'postgresql://u:p@localhost:5432/wms_connector',
  WMS_BASE_URL: 'http://wms.local:4102',
  WMS_FACILITY_MAP: 'RNO1=DC-RENO:WAREHOUSE,DAL3=3PL-DALLAS:THIRD_PARTY_LOGISTICS',
};

describe('wmsConnectorConfigSchema', () => {
  it('fills the defaults and parses the facility map', () => {
    const config = loadConfig(wmsConnectorConfigSchema, { ...valid, RESYNC_ON_START: 'true' });
    expect(config).toMatchObject({ SERVICE_NAME: 'wms-connector', WMS_SOURCE_SYSTEM: 'wms', RESYNC_ON_START: true });
    expect(config.WMS_FACILITY_MAP.get('RNO1')).toEqual({ locationId: 'DC-RENO', locationType: 'WAREHOUSE' });
  });

  it('refuses a missing facility map and a bad flag, naming both', () => {
    const { WMS_FACILITY_MAP: _omitted, ...withoutMap } = valid;
    let error: unknown;
    try {
      loadConfig(wmsConnectorConfigSchema, { ...withoutMap, RESYNC_ON_START: 'yes' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/WMS_FACILITY_MAP/);
    expect(problems).toMatch(/RESYNC_ON_START/);
  });

  it('reads the 3PL mailboxes as JSON and names what is wrong with them', () => {
    const mailbox = {
      locationId: '3PL-DALLAS',
      sourceSystem: '3pl-dallas',
      outboundDir: '/x/out',
      inboundDir: '/x/in',
      ourInterchangeId: 'ZZ:CROSSDOCKDIST',
      partnerInterchangeId: 'ZZ:DALLAS3PL',
    };
    const config = loadConfig(wmsConnectorConfigSchema, { ...valid, THIRD_PARTY_MAILBOXES: JSON.stringify([mailbox]) });
    expect(config.THIRD_PARTY_MAILBOXES).toEqual([{ ...mailbox, usageIndicator: 'P' }]);
    expect(loadConfig(wmsConnectorConfigSchema, valid).THIRD_PARTY_MAILBOXES).toEqual([]);
    for (const bad of ['not json', JSON.stringify([{ ...mailbox, partnerInterchangeId: 'ZZ:WAY-TOO-LONG-AN-ISA-ID' }]), JSON.stringify([mailbox, mailbox])]) {
      expect(() => loadConfig(wmsConnectorConfigSchema, { ...valid, THIRD_PARTY_MAILBOXES: bad })).toThrow(/THIRD_PARTY_MAILBOXES/);
    }
  });
});
