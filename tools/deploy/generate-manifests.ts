// `npm run deploy:manifests [-- --check]`: infra/services.json + schemas/catalog.yaml (through
// @crossdock/contracts) + apps/*/runtime.json -> deploy/kubernetes/base/generated/*.yaml.
// With --check nothing is written; the exit code is 1 when a committed file is stale (npm test).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { AllTopics } from '@crossdock/contracts';
import { readServicesManifest } from '@crossdock/tools/services';
import { GENERATED_DIR, renderManifests, REPO_ROOT } from './src/manifests.generator';

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const runtime = createRequire(__filename)(path.join(REPO_ROOT, 'infra', 'node', 'node-args.js')) as { nodeArgs(service: string): string[] };
  const files = renderManifests({ manifest: readServicesManifest(), topics: AllTopics, nodeArgs: (service) => runtime.nodeArgs(service) });
  const dir = path.join(REPO_ROOT, GENERATED_DIR);
  const stale = Object.entries(files)
    .filter(([name, text]) => !existsSync(path.join(dir, name)) || readFileSync(path.join(dir, name), 'utf8') !== text)
    .map(([name]) => name);
  const extra = existsSync(dir) ? readdirSync(dir).filter((name) => !(name in files)) : [];
  if (check) {
    if (stale.length === 0 && extra.length === 0) {
      console.log(`${GENERATED_DIR}: up to date (${Object.keys(files).length} files)`);
      return 0;
    }
    console.error(
      `${GENERATED_DIR} is stale (${[...stale.map((name) => `${name} differs`), ...extra.map((name) => `${name} is not generated`)].join(', ')}); run \`npm run deploy:manifests\` and commit.`,
    );
    return 1;
  }
  mkdirSync(dir, { recursive: true });
  for (const name of stale) writeFileSync(path.join(dir, name), files[name] ?? '');
  console.log(stale.length === 0 ? `${GENERATED_DIR}: already up to date` : `${GENERATED_DIR}: wrote ${stale.join(', ')}`);
  if (extra.length > 0) console.error(`not generated, remove by hand: ${extra.join(', ')}`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
