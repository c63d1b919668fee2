import { isCompleteDropFileName } from './mailbox-file.names';

describe('isCompleteDropFileName', () => {
  it('takes finished documents whatever their extension', () => {
    for (const name of ['PO_4711.edi', 'po-4711.x12', 'ORDERS.TXT', 'no-extension', '850.edi.done']) {
      expect(isCompleteDropFileName(name)).toBe(true);
    }
  });

  it('ignores files still being written, hidden files and our own reason notes', () => {
    for (const name of [
      '.PO_4711.edi',
      'PO_4711.edi.tmp',
      'PO_4711.EDI.PART',
      'x.partial',
      'x.filepart',
      'x.crdownload',
      'x.edi~',
      'x.swp',
      'PO_4711.edi.reason.json',
      '',
      ' ',
    ]) {
      expect(isCompleteDropFileName(name)).toBe(false);
    }
  });
});
