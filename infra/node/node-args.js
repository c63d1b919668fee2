'use strict';
// The node command-line flags a Crossdock service runs with: the shared ones (runtime.json beside this
// file) and the service's own (apps/<service>/runtime.json, e.g. heap caps). Command-line flags, not
// NODE_OPTIONS: Node refuses most V8 flags there. Plain CommonJS with no dependencies, because shell
// launchers (nx serve, docker-compose) run it with whatever node is on the PATH.
//   node infra/node/node-args.js order-ingest   ->  --no-maglev --max-old-space-size=192 ...
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const REPO_ROOT = join(__dirname, '..', '..');

function readArgs(file) {
  if (!existsSync(file)) return [];
  const { nodeArgs = [] } = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(nodeArgs) || !nodeArgs.every((arg) => typeof arg === 'string')) {
    throw new Error(`${file}: nodeArgs must be an array of strings`);
  }
  return nodeArgs;
}

/** @param {string | undefined} service @returns {string[]} */
function nodeArgs(service) {
  const shared = readArgs(join(__dirname, 'runtime.json'));
  return service ? [...shared, ...readArgs(join(REPO_ROOT, 'apps', service, 'runtime.json'))] : shared;
}

module.exports = { nodeArgs };

if (require.main === module) process.stdout.write(nodeArgs(process.argv[2]).join(' '));
