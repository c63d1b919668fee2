/** One invariant line of a chaos run's output (`  PASS  name: detail` or `  FAIL  name: detail`). */
export interface InvariantLine {
  readonly ok: boolean;
  readonly name: string;
  readonly line: string;
}

/** What a chaos run with a broken guarantee showed, judged against the invariants expected to catch it. */
export interface BrokenRunVerdict {
  /** The run failed, and on at least one of the expected invariants. */
  readonly caught: boolean;
  readonly summary: string;
  /** FAIL lines of the expected invariants. */
  readonly expectedFailures: readonly InvariantLine[];
  /** FAIL lines of any other invariant: collateral damage, or a run that failed for another reason. */
  readonly otherFailures: readonly InvariantLine[];
}

// The day's summary and the chaos report print their invariants in the same shape (day/summary.format.ts, chaos-report.ts).
const INVARIANT_LINE = /^ {2}(PASS|FAIL) {2}([^:]+): /;

export function invariantLines(output: string): InvariantLine[] {
  return output.split('\n').flatMap((line) => {
    const match = INVARIANT_LINE.exec(line);
    return match?.[1] && match[2] ? [{ ok: match[1] === 'PASS', name: match[2], line: line.trim() }] : [];
  });
}

/**
 * Whether a chaos run caught the broken guarantee: it must have failed, and failed on an invariant
 * named for that guarantee. A run that passed let the breakage through; one that failed only on
 * other invariants, or ended before judging any (a crash, a patch that did not compile), does not
 * show that the invariant meant to guard the guarantee does.
 */
export function judgeBrokenRun(output: string, exitCode: number | null, expected: readonly string[]): BrokenRunVerdict {
  const lines = invariantLines(output);
  const failed = lines.filter((l) => !l.ok);
  const expectedFailures = failed.filter((l) => expected.includes(l.name));
  const otherFailures = failed.filter((l) => !expected.includes(l.name));
  const verdict = (caught: boolean, summary: string): BrokenRunVerdict => ({ caught, summary, expectedFailures, otherFailures });
  if (exitCode === 0) return verdict(false, 'NOT CAUGHT: the chaos run passed with the guarantee broken');
  if (lines.length === 0) return verdict(false, `NOT JUDGED: the chaos run exited ${exitCode ?? 'by a signal'} before printing any invariant`);
  if (expectedFailures.length === 0) {
    const others = otherFailures.length === 0 ? 'no invariant failed' : `only ${otherFailures.map((l) => `"${l.name}"`).join(', ')} failed`;
    return verdict(false, `NOT CAUGHT AS EXPECTED: ${others}; expected a failure of ${expected.map((n) => `"${n}"`).join(' or ')}`);
  }
  const also = otherFailures.length === 0 ? '' : ` (also failed: ${otherFailures.map((l) => `"${l.name}"`).join(', ')})`;
  return verdict(true, `CAUGHT: ${expectedFailures.map((l) => `"${l.name}"`).join(', ')} failed${also}`);
}
