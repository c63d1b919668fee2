/**
 * File names are derived from the document's key (an order's external id, a package reference), so a
 * resubmission finds its own pending file and acknowledgement. Characters outside [A-Za-z0-9-] become `_XX` (hex), which keeps
 * names portable (no ':' on Windows shares, no '/') and reversible.
 */
export type FileKind = 'ORD' | 'CXL' | 'SHPCNF';

/** The extension the ERP's import job looks for, per kind: orders, cancels, ship confirmations. */
const EXTENSIONS: Readonly<Record<FileKind, string>> = { ORD: 'ord', CXL: 'cxl', SHPCNF: 'shp' };

/** Import files the ERP picks up: `<KIND>_<encoded key>.<ext>`. */
export const IMPORT_FILE_PATTERN = /^(ORD|CXL|SHPCNF)_[A-Za-z0-9_-]+\.(ord|cxl|shp)$/;

export function fileStem(kind: FileKind, externalId: string): string {
  const encoded = Array.from(Buffer.from(externalId, 'utf8'))
    .map((byte) => (/[A-Za-z0-9-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `_${byte.toString(16).padStart(2, '0').toUpperCase()}`))
    .join('');
  return `${kind}_${encoded}`;
}

export function externalIdOf(stem: string): string {
  const encoded = stem.replace(/^(ORD|CXL|SHPCNF)_/, '');
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    if (encoded[i] === '_') {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(encoded.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The ERP picks up only these; the leading dot hides a file still being written. */
export const dataFileName = (stem: string) => `${stem}.${EXTENSIONS[kindOf(stem)]}`;
export const tempFileName = (stem: string) => `.${dataFileName(stem)}.tmp`;
export const ackFileName = (stem: string) => `${stem}.ack`;

export function kindOf(stem: string): FileKind {
  const kind = stem.slice(0, stem.indexOf('_'));
  if (kind !== 'ORD' && kind !== 'CXL' && kind !== 'SHPCNF') throw new RangeError(`'${stem}' is not an import file stem`);
  return kind;
}
