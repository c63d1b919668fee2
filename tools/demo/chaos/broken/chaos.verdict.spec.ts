import { invariantLines, judgeBrokenRun } from './chaos.verdict';

const output = (...invariants: string[]) =>
  [
    '[chaos] seed 42 (CHAOS_SEED), profile short',
    '=== Crossdock demo: a distributor day ===',
    ...invariants,
    'service warnings and errors: 120 lines in /tmp/x.log',
    'CHAOS FAILED: see the invariants above',
  ].join('\n');

const PASS_ORDERS = '  PASS  every channel order accounted for: 228 sent = 228 with a final outcome';
const FAIL_ORDERS = '  FAIL  every channel order accounted for: 228 sent, 0 never published, 7 without an outcome (e.g. acme/1001)';
const FAIL_ERP = '  FAIL  exactly one ERP order per accepted order: 221 accepted, 228 ERP orders; not booked 0, booked twice 0, booked but not accepted 7';
const FAIL_READY = '  FAIL  every instance ready and every consumer group caught up at the end: some instance not ready, consumer lag 3 messages';
const EXPECTED = ['every channel order accounted for', 'exactly one ERP order per accepted order'];

describe('invariantLines', () => {
  it('reads the PASS and FAIL lines of the day summary and of the chaos report, names without their detail', () => {
    expect(invariantLines(output(PASS_ORDERS, FAIL_ERP))).toEqual([
      { ok: true, name: 'every channel order accounted for', line: PASS_ORDERS.trim() },
      { ok: false, name: 'exactly one ERP order per accepted order', line: FAIL_ERP.trim() },
    ]);
  });

  it('ignores lines that only look alike (a service log line, a fault that failed)', () => {
    const text = ['[order-ingest#1] FAIL  something: no', 't+15.6s SIGKILL the Kafka broker | FAILED: not running', '   FAIL  indented too far: x'].join('\n');
    expect(invariantLines(text)).toEqual([]);
  });
});

describe('judgeBrokenRun', () => {
  it('caught: the run failed on an expected invariant; other failures are reported beside it', () => {
    const verdict = judgeBrokenRun(output(FAIL_ORDERS, FAIL_ERP, FAIL_READY), 1, EXPECTED);
    expect(verdict.caught).toBe(true);
    expect(verdict.expectedFailures.map((l) => l.name)).toEqual(EXPECTED);
    expect(verdict.otherFailures.map((l) => l.line)).toEqual([FAIL_READY.trim()]);
    expect(verdict.summary).toMatch(/^CAUGHT: .*also failed: "every instance ready/);
  });

  it('not caught when the chaos run passed', () => {
    const verdict = judgeBrokenRun(output(PASS_ORDERS), 0, EXPECTED);
    expect(verdict.caught).toBe(false);
    expect(verdict.summary).toMatch(/^NOT CAUGHT: the chaos run passed/);
  });

  it('not caught when only invariants nobody expected failed', () => {
    const verdict = judgeBrokenRun(output(PASS_ORDERS, FAIL_READY), 1, EXPECTED);
    expect(verdict.caught).toBe(false);
    expect(verdict.otherFailures).toHaveLength(1);
    expect(verdict.summary).toContain('only "every instance ready and every consumer group caught up at the end" failed');
  });

  it('not judged when the run ended before printing any invariant (a crash, a patch that did not compile)', () => {
    const verdict = judgeBrokenRun('[chaos] FAILED: order-ingest#1 died', 1, EXPECTED);
    expect(verdict.caught).toBe(false);
    expect(verdict.summary).toMatch(/^NOT JUDGED: .*exited 1/);
    expect(judgeBrokenRun('', null, EXPECTED).summary).toContain('exited by a signal');
  });

  it('not caught when it failed with every invariant passing (a run that failed otherwise)', () => {
    const verdict = judgeBrokenRun(output(PASS_ORDERS), 1, EXPECTED);
    expect(verdict.caught).toBe(false);
    expect(verdict.summary).toContain('no invariant failed');
  });
});
