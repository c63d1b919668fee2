#!/usr/bin/env bash
# `npm run demo`: the main job on a fresh machine. Brings the native stack up, applies the topic
# catalog and schemas, then runs the backbone smoke flow and prints what happened.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
bash infra/stack/stack.sh up
npm run --silent contracts:apply
SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register tools/demo/backbone-smoke.ts
echo "demo finished in $((SECONDS - started)) s; the stack keeps running (npm run stack:down stops it)"
