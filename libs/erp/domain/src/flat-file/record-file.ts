/**
 * What the legacy ERP's import layouts (ORDIMP, SHPCNF) have in common: ASCII text, CRLF line ends,
 * one record per line, fields separated by '|', record type first, and a trailer
 * `TRL|recordCount|lineCount|quantityHashTotal` that lets the import job refuse a truncated file
 * instead of booking part of it. The format has no escaping.
 */
export const CRLF = '\r\n';

export class ImportFormatError extends Error {
  override readonly name = 'ImportFormatError';
}

/** Free text cannot hold the separator or line breaks: they become '/' and spaces. */
export const text = (value: string | null | undefined) => (value ?? '').replace(/\|/g, '/').replace(/[\r\n]+/g, ' ');

/** YYYYMMDD (UTC); empty for no date. */
export const yyyymmdd = (epochMs: number | null) => (epochMs === null ? '' : new Date(epochMs).toISOString().slice(0, 10).replace(/-/g, ''));

/** Ids must survive the format unchanged: they are how a resubmission is recognised. */
export function assertFormatSafe(id: string, what: string): void {
  if (id === '' || /[|\r\n]/.test(id)) throw new ImportFormatError(`${what} '${id}' cannot be written to an import file`);
}

/** The records, a trailer counting them and the LIN records' quantities, as file content. */
export function writeRecords(records: readonly (readonly string[])[], lines: readonly { readonly quantity: number }[]): string {
  const hash = lines.reduce((sum, l) => sum + l.quantity, 0);
  const all = [...records, ['TRL', String(records.length + 1), String(lines.length), String(hash)]];
  return all.map((r) => r.join('|')).join(CRLF) + CRLF;
}

/** A file's records, the trailer's record count checked (the line totals are checked by `checkLineTotals`). */
export function readRecords(content: string): string[][] {
  const records = content
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .map((l) => l.split('|'));
  const trailer = records.at(-1);
  if (!trailer || trailer[0] !== 'TRL') throw new ImportFormatError('missing TRL record (truncated file?)');
  if (Number(trailer[1]) !== records.length) throw new ImportFormatError(`TRL record count ${trailer[1]} ≠ ${records.length} records`);
  return records;
}

export function checkLineTotals(records: readonly (readonly string[])[], lines: readonly { readonly quantity: number }[]): void {
  const trailer = records.at(-1) ?? [];
  const hash = lines.reduce((sum, l) => sum + l.quantity, 0);
  if (Number(trailer[2]) !== lines.length || Number(trailer[3]) !== hash) throw new ImportFormatError('TRL line count or quantity hash total does not match');
}

export function field(record: readonly string[], index: number): string {
  const value = record[index];
  if (value === undefined) throw new ImportFormatError(`${record[0]} record has no field ${index}`);
  return value;
}
