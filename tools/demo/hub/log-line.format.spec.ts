import { formatLogLine, isWarningOrWorse } from './log-line.format';

const json =
  '{"level":"warn","time":"2026-11-27T05:57:39.786Z","service":"order-ingest","trace_id":"80dd","span_id":"1","correlation_id":null,"orderId":"A:1","attempts":1,"msg":"ERP call will be retried"}';

describe('formatLogLine', () => {
  it('renders a JSON log line as time, level, message, fields and trace', () => {
    expect(formatLogLine(json)).toBe('05:57:39.786 warn  ERP call will be retried orderId=A:1 attempts=1 trace=80dd');
  });

  it('passes anything else through (stack traces, crashes)', () => {
    expect(formatLogLine('    at main (/x.ts:1:1)')).toBe('    at main (/x.ts:1:1)');
    expect(formatLogLine('{not json')).toBe('{not json');
  });
});

describe('isWarningOrWorse', () => {
  it('keeps warnings, errors and non-JSON output, drops info', () => {
    expect(isWarningOrWorse(json)).toBe(true);
    expect(isWarningOrWorse(json.replace('"warn"', '"info"'))).toBe(false);
    expect(isWarningOrWorse('Error: boom')).toBe(true);
  });
});
