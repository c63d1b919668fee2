import { fixtureBytes } from '../testing/fixtures';
import { readX12Sender } from './x12-sender';

describe('readX12Sender', () => {
  it('reads ISA05:ISA06 whatever the separators', () => {
    expect(readX12Sender(fixtureBytes('edi/850-summit-dc-and-store.edi').toString('utf8'))).toBe('ZZ:SUMMITOUTFIT');
    expect(readX12Sender(fixtureBytes('edi/850-pipe-delimited.edi').toString('utf8'))).toBe('ZZ:SUMMITOUTFIT');
  });

  it('tolerates a byte-order mark and leading blank lines', () => {
    const content = fixtureBytes('edi/850-summit-dc-and-store.edi').toString('utf8');
    expect(readX12Sender(`\uFEFF\r\n${content}`)).toBe('ZZ:SUMMITOUTFIT');
  });

  it('is null for anything that is not a readable ISA', () => {
    expect(readX12Sender(fixtureBytes('edi/850-not-x12.txt').toString('utf8'))).toBeNull();
    expect(readX12Sender('ISA*00*short~')).toBeNull();
    expect(readX12Sender('')).toBeNull();
    expect(readX12Sender(`ISA 00 ${' '.repeat(120)}`)).toBeNull();
  });
});
