/**
 * File names are derived from the external id, so a resubmission of the same order finds its own
 * pending file and acknowledgement. Characters outside [A-Za-z0-9-] become `_XX` (hex), which keeps
 * names portable (no ':' on Windows shares, no '/') and reversible.
 */
export type FileKind = 'ORD' | 'CXL';

export function fileStem(kind: FileKind, externalId: string): string {
  const encoded = Array.from(Buffer.from(externalId, 'utf8'))
    .map((byte) => (/[A-Za-z0-9-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `_${byte.toString(16).padStart(2, '0').toUpperCase()}`))
    .join('');
  return `${kind}_${encoded}`;
}

export function externalIdOf(stem: string): string {
  const encoded = stem.replace(/^(ORD|CXL)_/, '');
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
export const dataFileName = (stem: string) => `${stem}.${stem.startsWith('ORD') ? 'ord' : 'cxl'}`;
export const tempFileName = (stem: string) => `.${dataFileName(stem)}.tmp`;
export const ackFileName = (stem: string) => `${stem}.ack`;
