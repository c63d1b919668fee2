const SKIPPED = new Set(['level', 'time', 'service', 'msg', 'trace_id', 'span_id', 'correlation_id', 'context', 'pid', 'hostname']);

/**
 * A service's JSON log line (pino) as one readable line: time, level, message, then the other
 * fields as key=value. Anything that is not a JSON object (a stack trace, a crash) passes unchanged.
 */
export function formatLogLine(line: string): string {
  if (!line.startsWith('{')) return line;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof entry['time'] === 'string' ? entry['time'].slice(11, 23) : '';
  const level = String(entry['level'] ?? '').padEnd(5);
  const fields = Object.entries(entry)
    .filter(([key, value]) => !SKIPPED.has(key) && value !== null && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const trace = typeof entry['trace_id'] === 'string' ? ` trace=${entry['trace_id']}` : '';
  return [time, level, String(entry['msg'] ?? ''), ...fields].filter(Boolean).join(' ') + trace;
}

/** pino levels at warn or above (the demo keeps only these; `npm start` shows everything). */
export function isWarningOrWorse(line: string): boolean {
  if (!line.startsWith('{')) return line.trim() !== '';
  const match = /"level":"(\w+)"/.exec(line);
  return match ? ['warn', 'error', 'fatal'].includes(match[1] ?? '') : true;
}
