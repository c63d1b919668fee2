/**
 * The interchange sender `ISA05:ISA06` (trimmed) of an X12 file, read from the fixed-length ISA
 * alone, or null when the file does not start with a readable ISA. The gateway needs it to pick
 * the trading partner's mapping before the adapter (which needs that mapping) can run.
 */
export function readX12Sender(content: string): string | null {
  const text = content.replace(/^\uFEFF/, '').trimStart();
  if (!text.startsWith('ISA') || text.length < 106) return null;
  const separator = text.charAt(3);
  if (/[A-Za-z0-9 ]/.test(separator)) return null;
  const elements = text.slice(0, 105).split(separator);
  if (elements.length !== 17) return null;
  const qualifier = elements[5]?.trim() ?? '';
  const id = elements[6]?.trim() ?? '';
  return qualifier === '' || id === '' ? null : `${qualifier}:${id}`;
}
