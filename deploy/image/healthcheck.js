'use strict';
// The image's HEALTHCHECK: 200 from /health/ready on the service's HTTP_PORT. The entrypoint may
// have set HTTP_PORT itself (from infra/services.json), which only the main process (PID 1)
// sees, so it is read from there when the check's own environment lacks it. No port: the init
// or the simulators, which have no readiness endpoint, are healthy while they run.
const { readFileSync } = require('node:fs');

function portOfMainProcess() {
  try {
    const entry = readFileSync('/proc/1/environ', 'utf8')
      .split('\0')
      .find((variable) => variable.startsWith('HTTP_PORT='));
    return entry?.slice('HTTP_PORT='.length);
  } catch {
    return undefined;
  }
}

const port = process.env.HTTP_PORT || portOfMainProcess();
if (!port) process.exit(0);
fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(4000) })
  .then((response) => process.exit(response.status === 200 ? 0 : 1))
  .catch(() => process.exit(1));
