import { readIsa, readX12Sender } from './x12.separators';

const isa4010 = 'ISA*00*          *00*          *ZZ*SUMMITOUTFIT   *ZZ*CROSSDOCKDIST  *261118*0712*U*00401*000004711*0*P*>~';
const isa5010Piped = 'ISA|00|          |00|          |12|8005551234     |ZZ|CROSSDOCKDIST  |261118|0712|^|00501|000004718|0|T|:\n';

describe('readIsa', () => {
  it('reads the element separator at 3, ISA16 as component separator and the terminator after it', () => {
    const read = readIsa(`${isa4010}\nGS*PO~`);
    expect('separators' in read && read.separators).toEqual({ element: '*', repetition: null, component: '>', segment: '~', lineBreak: '\n' });
  });

  it('takes ISA11 as the repetition separator when it is one (5010), newline terminators without line breaks', () => {
    const read = readIsa(`${isa5010Piped}GS|SW\n`);
    expect('separators' in read && read.separators).toEqual({ element: '|', repetition: '^', component: ':', segment: '\n', lineBreak: '' });
  });

  it('tells a file that is not X12 from an ISA that cannot be read', () => {
    expect(readIsa('hello')).toEqual({ problem: 'NOT_X12' });
    expect(readIsa(isa4010.replace('SUMMITOUTFIT   ', 'SUMMITOUTFIT'))).toEqual({ problem: 'ISA_UNREADABLE' });
  });
});

describe('readX12Sender', () => {
  it('reads ISA05:ISA06 whatever the separators', () => {
    expect(readX12Sender(isa4010)).toBe('ZZ:SUMMITOUTFIT');
    expect(readX12Sender(isa5010Piped)).toBe('12:8005551234');
  });

  it('tolerates a byte-order mark and leading blank lines', () => {
    expect(readX12Sender(`\uFEFF\r\n${isa4010}`)).toBe('ZZ:SUMMITOUTFIT');
  });

  it('is null for anything that is not a readable ISA', () => {
    expect(readX12Sender('PO,4500127731,2026-11-18')).toBeNull();
    expect(readX12Sender('ISA*00*short~')).toBeNull();
    expect(readX12Sender('')).toBeNull();
    expect(readX12Sender(`ISA 00 ${' '.repeat(120)}`)).toBeNull();
  });
});
