import { groupProblems, interchangeProblem, transactionProblems } from './envelope.checks';
import { readInterchange, type X12Interchange } from './interchange.reader';
import { writeInterchange, type InterchangeToWrite } from './interchange.writer';

const shippingOrders: InterchangeToWrite = {
  sender: 'ZZ:CROSSDOCKDIST',
  receiver: '12:8005551234',
  controlNumber: 42,
  usageIndicator: 'T',
  createdAt: Date.UTC(2026, 11, 7, 9, 5),
  groups: [
    {
      functionalId: 'OW',
      applicationSender: 'CROSSDOCK',
      applicationReceiver: 'DALLAS3PL',
      controlNumber: 42,
      version: '004010',
      transactions: [
        {
          setId: '940',
          controlNumber: '0001',
          segments: [
            ['W05', 'N', 'ORDER-1', 'PO-1'],
            ['LX', '1'],
            ['W01', '2', 'EA', '', 'VN', 'TEE-BLK-M'],
          ],
        },
        {
          setId: '940',
          controlNumber: '0002',
          segments: [
            ['W05', 'F', 'ORDER*2~', ''],
            ['W76', '2'],
          ],
        },
      ],
    },
  ],
};

function read(text: string): X12Interchange {
  const result = readInterchange(text);
  if ('problem' in result) throw new Error(result.problem.message);
  return result.interchange;
}

describe('writeInterchange', () => {
  const text = writeInterchange(shippingOrders);

  it('writes a fixed-length ISA, GS/ST headers and trailers with counts and control numbers', () => {
    expect(text.split('\n')).toEqual([
      'ISA*00*          *00*          *ZZ*CROSSDOCKDIST  *12*8005551234     *261207*0905*U*00401*000000042*0*T*>~',
      'GS*OW*CROSSDOCK*DALLAS3PL*20261207*0905*42*X*004010~',
      'ST*940*0001~',
      'W05*N*ORDER-1*PO-1~',
      'LX*1~',
      'W01*2*EA**VN*TEE-BLK-M~',
      'SE*5*0001~',
      'ST*940*0002~',
      'W05*F*ORDER 2 ~',
      'W76*2~',
      'SE*4*0002~',
      'GE*2*42~',
      'IEA*1*000000042~',
      '',
    ]);
    expect(text.split('\n')[0]).toHaveLength(106);
  });

  it('reads back with every envelope check passing', () => {
    const interchange = read(text);
    expect(interchangeProblem(interchange)).toBeNull();
    expect(interchange).toMatchObject({ sender: 'ZZ:CROSSDOCKDIST', receiver: '12:8005551234', controlNumber: '000000042', usageIndicator: 'T' });
    const [group] = interchange.groups;
    expect(groupProblems(group!, { functionalId: 'OW' })).toEqual({ ak9Codes: [], problem: null });
    expect(group!.transactions.map((t) => transactionProblems(t, { setId: '940' }).problem)).toEqual([null, null]);
    expect(group!.transactions[0]!.segments.map((s) => `${s.tag}@${s.position}`)).toEqual(['W05@2', 'LX@3', 'W01@4']);
  });

  it('writes with the separators it is given (a 997 echoes the partner’s)', () => {
    const piped = writeInterchange({
      ...shippingOrders,
      separators: { element: '|', repetition: '^', component: ':', segment: '\n', lineBreak: '' },
      isa12: '00501',
    });
    expect(piped.split('\n')[0]).toBe('ISA|00|          |00|          |ZZ|CROSSDOCKDIST  |12|8005551234     |261207|0905|^|00501|000000042|0|T|:');
    expect(read(piped).groups[0]!.transactions[1]!.segments[0]!.el(2)).toBe('ORDER*2~');
  });
});

describe('envelope checks', () => {
  const text = writeInterchange(shippingOrders);

  it('finds a wrong SE01 count and a wrong SE02 control number (AK5 4 and 3)', () => {
    const set = read(text.replace('SE*5*0001', 'SE*6*0009')).groups[0]!.transactions[0]!;
    expect(transactionProblems(set, { setId: '940' })).toEqual({
      ak5Codes: ['4', '3'],
      problem: { code: 'CONTROL_COUNT_MISMATCH', field: 'SE01', message: 'SE01 says 6 segments, the set has 5' },
    });
  });

  it('finds a set without SE, and a set of another kind', () => {
    const [first, second] = read(text.replace('SE*5*0001~\n', '')).groups[0]!.transactions;
    expect(first!.se).toBeNull();
    expect(transactionProblems(first!, { setId: '940' }).ak5Codes).toEqual(['2']);
    expect(transactionProblems(second!, { setId: '945' }).problem).toMatchObject({ code: 'UNSUPPORTED', field: 'ST01' });
  });

  it('finds a wrong GE01, an unexpected functional id, and an IEA that does not match', () => {
    const group = read(text.replace('GE*2*42', 'GE*3*42')).groups[0]!;
    expect(groupProblems(group, { functionalId: 'OW' })).toEqual({
      ak9Codes: ['4'],
      problem: { code: 'CONTROL_COUNT_MISMATCH', field: 'GE01', message: 'GE01 says 3 transaction sets, the group has 2' },
    });
    expect(groupProblems(group, { functionalId: 'SW' }).ak9Codes).toEqual(['1', '4']);
    expect(interchangeProblem(read(text.replace('IEA*1*000000042', 'IEA*1*000000043')))).toMatchObject({ code: 'CONTROL_NUMBER_MISMATCH', field: 'IEA02' });
    expect(interchangeProblem(read(text.replace('IEA*1*000000042~\n', '')))).toMatchObject({ code: 'ENVELOPE_INVALID', field: 'IEA' });
  });

  it('refuses text that is not X12, an interchange without groups, and two interchanges in one file', () => {
    expect(readInterchange('W05*N*1~')).toEqual({ problem: { code: 'NOT_X12', message: 'file does not start with an ISA segment' } });
    const isa = text.split('\n')[0]!;
    expect(readInterchange(`${isa}\nIEA*0*000000042~`)).toMatchObject({ problem: { code: 'ENVELOPE_INVALID' } });
    expect(readInterchange(text + text)).toMatchObject({ problem: { code: 'UNSUPPORTED' } });
  });
});
