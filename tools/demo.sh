#!/usr/bin/env bash
# `npm run demo`: the main job on a fresh machine. Brings the native stack up, applies the topic
# catalog and schemas, migrates every service database, starts the simulators and every service
# under one supervisor, plays a scripted distributor day and prints its summary (tools/demo).
set -euo pipefail
cd "$(dirname "$0")/.."
SWC_NODE_PROJECT=tsconfig.base.json exec node -r @swc-node/register tools/demo/demo.main.ts
