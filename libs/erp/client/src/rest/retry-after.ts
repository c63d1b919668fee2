/**
 * Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3); ERPs use both. Returns the
 * wait in ms, or null when absent or unparseable (the caller then backs off on its own).
 */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
