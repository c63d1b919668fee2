// `npm run contracts:generate [-- --check]`: schemas/catalog.yaml + schemas/avro → libs/contracts/src/generated.
// With --check nothing is written; the exit code is 1 when the committed files are stale (CI).
import './src/workspace-aliases';
import * as path from 'node:path';
import { ContractError } from './src/contract-error';
import { GENERATED_DIR, REPO_ROOT } from './src/contract-paths';
import { loadContractSet, workingTreeSource } from './src/contract-set';
import { generateModules } from './src/generate';
import { syncGeneratedFiles } from './src/generated-files';

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const modules = generateModules(loadContractSet(workingTreeSource()));
  const { changed, obsolete } = syncGeneratedFiles(path.join(REPO_ROOT, GENERATED_DIR), modules, check);
  const drift = [...changed.map((file) => `${GENERATED_DIR}/${file} (outdated)`), ...obsolete.map((file) => `${GENERATED_DIR}/${file} (obsolete)`)];
  if (check) {
    if (drift.length === 0) {
      console.log(`${GENERATED_DIR}: up to date (${modules.size} files)`);
      return 0;
    }
    console.error(`Generated contracts are stale; run \`npm run contracts:generate\` and commit:\n  - ${drift.join('\n  - ')}`);
    return 1;
  }
  console.log(drift.length === 0 ? `${GENERATED_DIR}: already up to date` : `${GENERATED_DIR}: updated\n  - ${drift.join('\n  - ')}`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof ContractError ? error.message : error);
  process.exitCode = 1;
}
