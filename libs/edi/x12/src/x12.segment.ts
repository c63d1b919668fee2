/** One segment of an X12 transaction set, its elements trimmed. */
export interface X12Seg {
  readonly tag: string;
  /** Position in the transaction set, ST = 1 (the envelope segments ISA, GS, GE, IEA are 0). */
  readonly position: number;
  /** 1-based element access; '' when absent. */
  el(n: number): string;
  /** Number of elements after the tag. */
  readonly length: number;
}

export function x12Seg(tag: string, position: number, elements: readonly string[]): X12Seg {
  const values = elements.map((e) => e.trim());
  return { tag, position, el: (n) => values[n - 1] ?? '', length: values.length };
}

/**
 * Segments written as in fixtures and guides (`W05*N*4500127731~`, `*` elements, `~` terminators,
 * line breaks ignored), numbered from 2 as after an ST. For tests and hand-built examples.
 */
export function segmentsOfText(text: string, element = '*', terminator = '~'): X12Seg[] {
  return text
    .split(terminator)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s, i) => {
      const [tag = '', ...elements] = s.split(element);
      return x12Seg(tag, i + 2, elements);
    });
}

/** One segment written as in fixtures, at `position` in its transaction set. */
export function segmentOfText(text: string, position = 2, element = '*'): X12Seg {
  const [tag = '', ...elements] = text.replace(/~\s*$/, '').split(element);
  return x12Seg(tag, position, elements);
}
