import { X12Parser, type X12Interchange } from 'node-x12';
import { Ak5Code, buildFunctionalAcknowledgement, type FunctionalGroupAck } from './functional-acknowledgement';
import { readFunctionalAcknowledgement, setAccepted } from './functional-acknowledgement.reader';
import { DEFAULT_SEPARATORS } from './x12.separators';

const group: FunctionalGroupAck = {
  functionalIdCode: 'SW',
  groupControlNumber: '310',
  version: '004010',
  senderApplicationId: 'DALLAS3PL',
  declaredCount: 2,
  transactionSets: [
    { setId: '945', controlNumber: '0001', accepted: true, errorCodes: [], segmentErrors: [] },
    {
      setId: '945',
      controlNumber: '0002',
      accepted: false,
      errorCodes: [Ak5Code.SegmentsInError],
      segmentErrors: [{ segmentId: 'W12', position: 9, code: '8', element: { position: 3, reference: '382', code: '6', badValue: 'x' } }],
    },
  ],
  groupErrorCodes: [],
};
const parties = {
  ourId: 'ZZ:CROSSDOCKDIST',
  partnerId: 'ZZ:DALLAS3PL',
  ourApplicationId: 'CROSSDOCK',
  controlNumber: 77,
  usageIndicator: 'P',
  createdAt: Date.UTC(2026, 11, 7, 10, 0),
  separators: DEFAULT_SEPARATORS,
  isa11: 'U',
  isa12: '00401',
};

describe('997 written and read back', () => {
  const text = buildFunctionalAcknowledgement(parties, [group]);

  it('writes AK1, AK2/AK3/AK4/AK5 per set and AK9 P (partially accepted)', () => {
    expect(text.split('\n').slice(2, -3)).toEqual([
      'ST*997*0001~',
      'AK1*SW*310~',
      'AK2*945*0001~',
      'AK5*A~',
      'AK2*945*0002~',
      'AK3*W12*9**8~',
      'AK4*3*382*6*x~',
      'AK5*R*5~',
      'AK9*P*2*2*1~',
      'SE*10*0001~',
    ]);
    const strict = new X12Parser(true).parse(text) as X12Interchange;
    expect(strict.functionalGroups[0]!.header.valueOf(1)).toBe('FA');
  });

  it('reads what the partner accepted and rejected', () => {
    const read = readFunctionalAcknowledgement(text);
    if (!('acknowledgement' in read)) throw new Error(read.problem.message);
    expect(read.acknowledgement).toEqual({
      sender: 'ZZ:CROSSDOCKDIST',
      controlNumber: '000000077',
      groups: [
        {
          functionalIdCode: 'SW',
          groupControlNumber: '310',
          status: 'P',
          declaredCount: 2,
          receivedCount: 2,
          acceptedCount: 1,
          groupErrorCodes: [],
          transactionSets: [
            { setId: '945', controlNumber: '0001', status: 'A', errorCodes: [], segmentNotes: [] },
            { setId: '945', controlNumber: '0002', status: 'R', errorCodes: ['5'], segmentNotes: ['W12@9: segment code 8', "element 3 code 6 'x'"] },
          ],
        },
      ],
    });
    const [ack] = read.acknowledgement.groups;
    expect([setAccepted(ack!, '0001'), setAccepted(ack!, '0002'), setAccepted(ack!, '0003')]).toEqual([true, false, null]);
  });

  it('applies a group-only 997 (AK1 and AK9, no AK2) to every set of the group', () => {
    const groupOnly = buildFunctionalAcknowledgement(parties, [{ ...group, transactionSets: [] }]).replace('AK9*R*2*0*0', 'AK9*A*2*2*2');
    const read = readFunctionalAcknowledgement(groupOnly);
    if (!('acknowledgement' in read)) throw new Error(read.problem.message);
    expect(setAccepted(read.acknowledgement.groups[0]!, '0002')).toBe(true);
  });

  it('refuses what is not a 997', () => {
    expect(readFunctionalAcknowledgement('not x12')).toMatchObject({ problem: { code: 'NOT_X12' } });
    expect(readFunctionalAcknowledgement(text.replace('GS*FA', 'GS*SW'))).toMatchObject({ problem: { code: 'UNSUPPORTED', field: 'GS01' } });
    expect(readFunctionalAcknowledgement(text.replace('AK9*P', 'AK9*Q'))).toMatchObject({ problem: { field: 'AK901' } });
  });
});
