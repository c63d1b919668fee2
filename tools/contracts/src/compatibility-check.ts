import { createHash } from 'node:crypto';
import { parseCatalog, type Catalog } from './catalog.loader';
import { compareCatalogs } from './catalog-compatibility';
import { CATALOG_PATH, SCHEMAS_DIR } from './contract-paths';
import type { ContractSet } from './contract-set';
import { fileVersions, hasCommits, showFile, type Git } from './git-history';
import { backwardIncompatibility } from './schema-compatibility';

export interface CompatibilityReport {
  readonly problems: string[];
  readonly warnings: string[];
  readonly notes: string[];
}

interface OldSchema {
  readonly label: string;
  readonly text: string;
}

/**
 * Compares the working tree with every committed version: each schema must read every earlier
 * version of itself (BACKWARD, checked transitively, since consumers replay old records), and
 * the catalog must not change what a topic name promises. Old schemas are also taken from the
 * file each topic pointed to in every catalog version, so moving an .avsc file hides nothing.
 */
export function checkAgainstHistory(set: ContractSet, git: Git): CompatibilityReport {
  const report: CompatibilityReport = { problems: [], warnings: [], notes: [] };
  if (!hasCommits(git)) {
    report.notes.push('no git history yet: only the working tree was validated');
    return report;
  }
  const oldSchemas = new Map<string, Map<string, OldSchema>>();
  const remember = (file: string, label: string, text: string) => {
    const byContent = oldSchemas.get(file) ?? new Map<string, OldSchema>();
    const digest = createHash('sha256').update(text).digest('hex');
    if (!byContent.has(digest)) byContent.set(digest, { label, text });
    oldSchemas.set(file, byContent);
  };

  for (const file of set.files) {
    for (const version of fileVersions(git, `${SCHEMAS_DIR}/${file.path}`)) {
      const text = showFile(git, version.commit, version.path);
      if (text !== undefined) remember(file.path, `${version.path}@${version.commit.slice(0, 8)}`, text);
    }
  }

  const currentByName = new Map(set.catalog.topics.map((topic) => [topic.name, topic]));
  for (const version of fileVersions(git, CATALOG_PATH)) {
    const label = `${version.path}@${version.commit.slice(0, 8)}`;
    const text = showFile(git, version.commit, version.path);
    if (text === undefined) continue;
    let previous: Catalog;
    try {
      previous = parseCatalog(text, label);
    } catch (error) {
      report.warnings.push(
        `${label}: skipped, cannot be parsed with today's catalog format (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
      );
      continue;
    }
    const findings = compareCatalogs(previous, set.catalog, label);
    report.problems.push(...findings.problems);
    report.warnings.push(...findings.warnings);
    for (const topic of previous.topics) {
      const current = currentByName.get(topic.name);
      if (!current) continue;
      const oldPath = `${SCHEMAS_DIR}/${topic.value.schema}`;
      const schemaText = showFile(git, version.commit, oldPath);
      if (schemaText !== undefined) remember(current.value.schema, `${oldPath}@${version.commit.slice(0, 8)}`, schemaText);
    }
  }

  for (const file of set.files) {
    const versions = [...(oldSchemas.get(file.path)?.values() ?? [])];
    for (const old of versions) {
      let json: unknown;
      try {
        json = JSON.parse(old.text);
      } catch {
        report.warnings.push(`${SCHEMAS_DIR}/${file.path}: skipped ${old.label}, not valid JSON`);
        continue;
      }
      const incompatibility = backwardIncompatibility(file.schema, json);
      if (incompatibility) {
        report.problems.push(`${SCHEMAS_DIR}/${file.path} cannot read data written with ${old.label} (BACKWARD): ${incompatibility}`);
      }
    }
    report.notes.push(`${SCHEMAS_DIR}/${file.path}: checked against ${versions.length} earlier version(s)`);
  }
  dedupe(report.problems);
  dedupe(report.warnings);
  return report;
}

function dedupe(lines: string[]): void {
  const unique = [...new Set(lines)];
  lines.splice(0, lines.length, ...unique);
}
