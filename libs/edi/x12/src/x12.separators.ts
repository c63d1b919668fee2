/** The delimiters of one interchange, all read from its ISA. */
export interface X12Separators {
  /** ISA position 3 (the character after `ISA`). */
  readonly element: string;
  /** ISA11 when it is a delimiter (5010 and later); null for 4010's 'U' (US EDI community standards). */
  readonly repetition: string | null;
  /** ISA16. */
  readonly component: string;
  /** The character after ISA16. */
  readonly segment: string;
  /** What the sender put after each terminator ('\r\n', '\n' or ''), echoed in what we write back. */
  readonly lineBreak: string;
}

/** Our default for what we originate: `*` elements, `>` components, `~` terminators, one segment a line. */
export const DEFAULT_SEPARATORS: X12Separators = { element: '*', repetition: null, component: '>', segment: '~', lineBreak: '\n' };

export type IsaProblem = 'NOT_X12' | 'ISA_UNREADABLE';

/** The ISA of `text` (BOM and leading blank lines tolerated) split into its 16 elements, with the separators. */
export function readIsa(content: string): { text: string; isa: readonly string[]; separators: X12Separators } | { problem: IsaProblem } {
  const text = content.replace(/^\uFEFF/, '').trimStart();
  if (!text.startsWith('ISA')) return { problem: 'NOT_X12' };
  // The ISA is fixed length: element separator at 3, component separator ISA16 at 104, terminator at 105.
  const element = text.charAt(3);
  const component = text.charAt(104);
  const segment = text.charAt(105);
  const isa = text.slice(0, 105).split(element);
  if (text.length < 106 || isa.length !== 17 || /[A-Za-z0-9 ]/.test(element) || /[A-Za-z0-9 ]/.test(segment) || element === segment) {
    return { problem: 'ISA_UNREADABLE' };
  }
  const isa11 = isa[11] ?? '';
  const afterTerminator = text.charAt(106);
  const lineBreak = afterTerminator === '\r' ? '\r\n' : afterTerminator === '\n' && segment !== '\n' ? '\n' : '';
  return { text, isa, separators: { element, repetition: /^[A-Za-z0-9 ]?$/.test(isa11) ? null : isa11, component, segment, lineBreak } };
}

/**
 * The interchange sender `ISA05:ISA06` (trimmed) of an X12 file, read from the fixed-length ISA
 * alone, or null when the file does not start with a readable ISA. A mailbox needs it to pick the
 * trading partner before anything else can be read.
 */
export function readX12Sender(content: string): string | null {
  const read = readIsa(content);
  if ('problem' in read) return null;
  const qualifier = read.isa[5]?.trim() ?? '';
  const id = read.isa[6]?.trim() ?? '';
  return qualifier === '' || id === '' ? null : `${qualifier}:${id}`;
}
