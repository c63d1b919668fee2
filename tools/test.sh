#!/usr/bin/env bash
# The one test command (`npm test`): brings the local stack up if needed, checks contracts, then
# runs lint, type checks, unit tests and integration tests of every project against the real stack.
set -euo pipefail
cd "$(dirname "$0")/.."

# Every run really runs every test: Nx's cache lives outside the checkout and would otherwise
# replay results recorded by another clone on the same machine.
export NX_SKIP_NX_CACHE=true
summary_dir=$(mktemp -d)
export CROSSDOCK_TEST_SUMMARY_DIR=$summary_dir
failed_steps=()

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# Runs a step; a failure is remembered and reported at the end, and the remaining steps still run.
check() {
  local name="$1"
  shift
  "$@" || failed_steps+=("$name")
}

step "local stack"
bash infra/stack/stack.sh up
# Everything below (tests, db check) talks to the stack through these, so moved ports just work.
eval "$(bash infra/stack/stack.sh env)"

step "contracts: generated types up to date, committed schemas evolve compatibly"
check "generated contract types" npm run --silent contracts:generate -- --check
check "schema compatibility" npm run --silent contracts:check
check "docker-compose.yml generated from infra/services.json" npm run --silent services:compose -- --check
check "Kubernetes manifests generated from infra/services.json and the catalog" npm run --silent deploy:manifests -- --check

step "deploy: Dockerfile, docker-compose.yml and Kubernetes manifests validate offline (no Docker engine, no cluster)"
check "deploy validation" npm run --silent deploy:validate

step "format: the tree is as prettier writes it (npm run format fixes it)"
check "format" npm run --silent format:check

step "databases: every Prisma schema change has a migration"
check "database migrations" npm run --silent db -- check

step "lint, typecheck, unit tests"
check "lint, typecheck or unit tests" npx nx run-many -t lint typecheck test --parallel=2 --outputStyle=static

step "integration tests (real Kafka, schema registry, PostgreSQL, Jaeger)"
check "integration tests" npx nx run-many -t integration --parallel=1 --outputStyle=static

# One closing summary for the whole workspace: the failed tests with why, then the plain
# 'N passed, N failed' line CI reads. CROSSDOCK_FAILURES_FILE (set by .ci/run) gets the failures
# too, so they can be printed again as the very last lines, after the stack has stopped.
node -e '
  const fs = require("node:fs"), path = require("node:path");
  const [dir, failuresFile] = process.argv.slice(1);
  const t = { passed: 0, failed: 0, skipped: 0 };
  const failures = [];
  for (const f of fs.readdirSync(dir)) {
    const r = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
    for (const k of Object.keys(t)) t[k] += r[k];
    failures.push(...(r.failures ?? []));
  }
  const lines = failures.map((f) => `  ${f.file} › ${f.test}\n      ${f.why}`);
  if (lines.length) console.log(`\nFailed tests:\n${lines.join("\n")}`);
  if (failuresFile) fs.writeFileSync(failuresFile, lines.length ? `Failed tests:\n${lines.join("\n")}\n` : "");
  console.log(`\nTests: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  if (t.passed === 0) { console.error("no test ran"); process.exit(1); }
' "$summary_dir" "${CROSSDOCK_FAILURES_FILE:-}" || failed_steps+=("test count")
rm -rf "$summary_dir"
if ((${#failed_steps[@]} > 0)); then
  printf 'FAILED: %s\n' "${failed_steps[@]}" >&2
  exit 1
fi
