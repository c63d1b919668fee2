import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { subjectName } from '@crossdock/contracts';

/**
 * A topic/subject prefix unique to one test file's run, so tests never see each other's messages
 * and can run against a long-lived stack without cleaning it first.
 */
export function createTestNamespace(label: string): string {
  const safe = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 24);
  return `t-${safe}-${Date.now().toString(36)}${randomBytes(3).toString('hex')}.`;
}

/** Soft then permanent delete (the Confluent API's semantics, also Apicurio's); a missing subject is fine. */
export async function deleteSubject(registryUrl: string, subject: string): Promise<void> {
  const url = `${registryUrl}/subjects/${encodeURIComponent(subject)}`;
  for (const target of [url, `${url}?permanent=true`]) {
    const response = await fetch(target, { method: 'DELETE', signal: AbortSignal.timeout(10_000) });
    if (!response.ok && response.status !== 404) throw new Error(`DELETE ${target}: HTTP ${response.status}`);
  }
}

/**
 * Removes what a test namespace left on a long-lived stack: its topics and their value schemas'
 * subjects (a developer's registry otherwise gains a few dozen subjects per test run, for ever).
 */
export async function dropTestNamespace(kafka: Kafka, registryUrl: string, namespace: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  let mine: string[];
  try {
    mine = (await admin.listTopics()).filter((topic) => topic.startsWith(namespace));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine });
  } finally {
    await admin.disconnect();
  }
  for (const topic of mine) await deleteSubject(registryUrl, subjectName({ name: topic.slice(namespace.length) }, namespace));
}
