// `npm run services:compose [-- --check]`: infra/services.json + the compose template -> docker-compose.yml.
// With --check nothing is written; the exit code is 1, with the difference, when the committed file is stale (CI).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { syncComposeFile } from './src/compose-file';
import { ComposeTemplateError, renderCompose } from './src/compose.generator';
import { COMPOSE_FILE, COMPOSE_TEMPLATE, REPO_ROOT } from './src/service-paths';
import { readServicesManifest, ServicesManifestError } from './src/services-manifest';

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const manifest = readServicesManifest();
  const expected = renderCompose(readFileSync(path.join(REPO_ROOT, COMPOSE_TEMPLATE), 'utf8'), manifest);
  const difference = syncComposeFile(path.join(REPO_ROOT, COMPOSE_FILE), expected, check);
  const services = `${manifest.services.length} services`;
  if (check) {
    if (difference.length === 0) {
      console.log(`${COMPOSE_FILE}: up to date (${services})`);
      return 0;
    }
    console.error(`${COMPOSE_FILE} is stale; run \`npm run services:compose\` and commit. Committed (-) vs generated (+):\n  ${difference.join('\n  ')}`);
    return 1;
  }
  console.log(difference.length === 0 ? `${COMPOSE_FILE}: already up to date (${services})` : `${COMPOSE_FILE}: updated (${services})`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof ServicesManifestError || error instanceof ComposeTemplateError ? error.message : error);
  process.exitCode = 1;
}
