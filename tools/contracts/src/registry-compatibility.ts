import type { CompatibilityReport } from './compatibility-check';

export interface RegistrySubject {
  readonly subject: string;
  /** The schema exactly as `contracts:apply` registers it. */
  readonly schema: string;
}

type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

/**
 * Asks the registry whether each schema could be registered under its subject right now, using the
 * subject's own compatibility level (`POST /compatibility/subjects/{subject}/versions/latest`).
 * A subject that does not exist yet is fine: its first version is always accepted.
 */
export async function checkWithRegistry(registryUrl: string, subjects: readonly RegistrySubject[], fetchImpl: Fetch = fetch): Promise<CompatibilityReport> {
  const report: CompatibilityReport = { problems: [], warnings: [], notes: [] };
  const base = registryUrl.replace(/\/+$/, '');
  for (const { subject, schema } of subjects) {
    const url = `${base}/compatibility/subjects/${encodeURIComponent(subject)}/versions/latest`;
    let status: number;
    let body: string;
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json', Accept: 'application/json' },
        body: JSON.stringify({ schema }),
      });
      status = response.status;
      body = await response.text();
    } catch (error) {
      report.problems.push(`${subject}: registry unreachable at ${base}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (status === 404) {
      report.notes.push(`${subject}: not registered yet (first version is always accepted)`);
    } else if (status === 200) {
      const result = parseJson(body) as { is_compatible?: boolean; messages?: unknown } | undefined;
      if (result?.is_compatible === true) report.notes.push(`${subject}: compatible with the registered latest version`);
      else report.problems.push(`${subject}: registry says incompatible with the latest version${detail(result?.messages)}`);
    } else {
      report.problems.push(`${subject}: registry answered HTTP ${status}: ${body.slice(0, 500)}`);
    }
  }
  return report;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function detail(messages: unknown): string {
  return Array.isArray(messages) && messages.length > 0 ? `: ${messages.map(String).join('; ')}` : '';
}
