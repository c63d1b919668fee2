import { randomBytes } from 'node:crypto';

/**
 * A topic/subject prefix unique to one test file's run, so tests never see each other's messages
 * and can run against a long-lived stack without cleaning it first.
 */
export function createTestNamespace(label: string): string {
  const safe = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 24);
  return `t-${safe}-${Date.now().toString(36)}${randomBytes(3).toString('hex')}.`;
}
