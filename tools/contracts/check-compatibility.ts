// `npm run contracts:check [-- --registry]`: fails when a schema or catalog change would break
// consumers (see tools/contracts/src/compatibility-check.ts). Needs only git, not the registry,
// unless --registry is given (SCHEMA_REGISTRY_URL, TOPIC_NAMESPACE).
import './src/workspace-aliases';
import { subjectName } from '@crossdock/contracts';
import { ContractError } from './src/contract-error';
import { REPO_ROOT } from './src/contract-paths';
import { checkAgainstHistory, type CompatibilityReport } from './src/compatibility-check';
import { loadContractSet, workingTreeSource } from './src/contract-set';
import { gitIn } from './src/git-history';
import { checkWithRegistry } from './src/registry-compatibility';

async function main(argv: readonly string[]): Promise<number> {
  const set = loadContractSet(workingTreeSource());
  const reports: CompatibilityReport[] = [checkAgainstHistory(set, gitIn(REPO_ROOT))];
  if (argv.includes('--registry')) {
    const url = process.env['SCHEMA_REGISTRY_URL'] ?? 'http://localhost:8081/apis/ccompat/v7';
    const namespace = process.env['TOPIC_NAMESPACE'] ?? '';
    const files = new Map(set.files.map((file) => [file.path, file]));
    const subjects = set.catalog.topics.map((topic) => ({
      subject: subjectName(topic, namespace),
      schema: JSON.stringify(files.get(topic.value.schema)?.schema),
    }));
    reports.push(await checkWithRegistry(url, subjects));
  }
  const problems = reports.flatMap((report) => report.problems);
  for (const note of reports.flatMap((report) => report.notes)) console.log(`  ok    ${note}`);
  for (const warning of reports.flatMap((report) => report.warnings)) console.warn(`  warn  ${warning}`);
  if (problems.length > 0) {
    console.error(`\nIncompatible contract changes (${problems.length}):\n  - ${problems.join('\n  - ')}`);
    console.error('\nA breaking change needs a new major version: a new topic crossdock.<domain>.<event>.v<n+1> (see schemas/README.md).');
    return 1;
  }
  console.log(`\nContracts compatible: ${set.files.length} schemas, ${set.catalog.topics.length} topics.`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ContractError ? error.message : error);
    process.exitCode = 1;
  },
);
