// Jest global setup for integration tests: make sure the local stack is running (idempotent and
// fast when it already is) and export its connection settings to the test workers.
// --wait-jaeger: on a first run `stack.sh up` leaves Jaeger building in the background, and several
// integration tests (observability, messaging, the services, the demo) read traces from its API.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  const root = path.resolve(__dirname, '../../..');
  const stack = path.join(root, 'infra/stack/stack.sh');
  if (process.env.CROSSDOCK_SKIP_STACK_UP !== '1') {
    execFileSync('bash', [stack, 'up', '--wait-jaeger'], { stdio: ['ignore', 'inherit', 'inherit'], cwd: root });
  }
  const exports = execFileSync('bash', [stack, 'env'], { cwd: root, encoding: 'utf8' });
  for (const line of exports.split('\n')) {
    const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match && process.env[match[1]] === undefined) process.env[match[1]] = match[2].replace(/^['"]|['"]$/g, '');
  }
};
