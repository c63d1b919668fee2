import { loadConfig } from '@crossdock/config';
import { wmsConnectorConfigSchema } from '../config/wms-connector-config.schema';
import { idPart, partnerOf, sameInterchangeId, ThirdPartyMailboxes } from './third-party.mailboxes';

const mailbox = {
  locationId: '3PL-DALLAS',
  sourceSystem: '3pl-dallas',
  outboundDir: '/x/out',
  inboundDir: '/x/in',
  ourInterchangeId: 'ZZ:CROSSDOCKDIST',
  partnerInterchangeId: '12:8005551234',
};

describe('3PL mailboxes', () => {
  const config = loadConfig(wmsConnectorConfigSchema, {
    SERVICE_NAME: 'wms-connector',
    DATABASE_URL: 'postgresql://u:p@localhost:5432/db',
    WMS_BASE_URL: 'http://127.0.0.1:4102',
    WMS_FACILITY_MAP: 'RNO1=DC-RENO:WAREHOUSE',
    THIRD_PARTY_MAILBOXES: JSON.stringify([
      mailbox,
      { ...mailbox, locationId: '3PL-RENO', ourApplicationId: 'XDOCK', warehouseName: 'Reno 3PL', itemQualifier: 'SK' },
    ]),
  });

  it('finds a mailbox by its location and lists the locations releases can go to', () => {
    const boxes = new ThirdPartyMailboxes(config);
    expect([...boxes.locations()]).toEqual(['3PL-DALLAS', '3PL-RENO']);
    expect(boxes.of('3PL-RENO')?.warehouseName).toBe('Reno 3PL');
    expect(boxes.of('DC-RENO')).toBeUndefined();
  });

  it('addresses the 3PL with the id parts of the interchange ids unless application ids are given', () => {
    const [dallas, reno] = new ThirdPartyMailboxes(config).all();
    expect(dallas && partnerOf(dallas)).toEqual({
      ourInterchangeId: 'ZZ:CROSSDOCKDIST',
      partnerInterchangeId: '12:8005551234',
      ourApplicationId: 'CROSSDOCKDIST',
      partnerApplicationId: '8005551234',
      usageIndicator: 'P',
      warehouseName: '3PL-DALLAS',
    });
    expect(reno && partnerOf(reno)).toMatchObject({ ourApplicationId: 'XDOCK', warehouseName: 'Reno 3PL', itemQualifier: 'SK' });
    expect(idPart('DALLAS3PL')).toBe('DALLAS3PL');
  });

  it('compares ISA ids whatever their case and padding, ZZ when no qualifier is written', () => {
    expect(sameInterchangeId('ZZ:DALLAS3PL', 'zz:dallas3pl ')).toBe(true);
    expect(sameInterchangeId('DALLAS3PL', 'ZZ:DALLAS3PL')).toBe(true);
    expect(sameInterchangeId('01:DALLAS3PL', 'ZZ:DALLAS3PL')).toBe(false);
    expect(sameInterchangeId('ZZ:HOUSTON3PL', 'ZZ:DALLAS3PL')).toBe(false);
  });
});
