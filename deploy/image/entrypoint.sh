#!/bin/sh
# The image's entrypoint: what to run, by name (the first argument, or SERVICE when there is none).
#   <service>     a service of infra/services.json, started as `npm start` and libs/testing's
#                 ServiceProcess start it: node <infra/node/node-args.js flags> -r @swc-node/register apps/<service>/src/main.ts
#   init          the one-shot set-up before the services: npm run contracts:apply && npm run db -- migrate
#   simulators    the simulated ERP, WMS, SP-API and carrier (tools/demo/simulators.main.ts)
#   anything else an executable, run as given (e.g. `sh`, `npm run db -- check`)
# CROSSDOCK_ENTRYPOINT_DRY_RUN=1 prints the command instead of running it (tools/deploy checks
# every service of infra/services.json through it).
set -eu
cd "$(dirname "$0")/../.."

run() {
  if [ "${CROSSDOCK_ENTRYPOINT_DRY_RUN:-}" = 1 ]; then
    echo "$*"
    exit 0
  fi
  exec "$@"
}

target="${1:-${SERVICE:-}}"
[ "$#" -gt 0 ] && shift

# The services' names and ports, from the one list of them.
service_port() {
  node -e '
    const entry = require("./infra/services.json").services.find((s) => s.name === process.argv[1]);
    if (!entry) process.exit(1);
    process.stdout.write(String(entry.port));
  ' "$1"
}

case "$target" in
  "")
    echo "crossdock image: name what to run: init, simulators or a service of infra/services.json:" >&2
    node -e 'console.error("  " + require("./infra/services.json").services.map((s) => s.name).join(" "))' >&2
    exit 64
    ;;
  init)
    run sh -c 'npm run --silent contracts:apply && npm run --silent db -- migrate'
    ;;
  simulators)
    # shellcheck disable=SC2046 # the flags are words by design
    run node $(node infra/node/node-args.js) -r @swc-node/register tools/demo/simulators.main.ts "$@"
    ;;
esac

if port=$(service_port "$target"); then
  # The service's own name and its port from infra/services.json unless the environment says otherwise,
  # so `docker run crossdock <service>` needs only the backbone's addresses.
  export SERVICE_NAME="${SERVICE_NAME:-$target}"
  export HTTP_PORT="${HTTP_PORT:-$port}"
  # shellcheck disable=SC2046
  run node $(node infra/node/node-args.js "$target") -r @swc-node/register "apps/$target/src/main.ts" "$@"
fi
if command -v "$target" >/dev/null 2>&1; then
  run "$target" "$@"
fi
echo "crossdock image: '$target' is neither init, simulators, a service of infra/services.json nor a command" >&2
exit 64
