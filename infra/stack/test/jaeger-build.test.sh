#!/usr/bin/env bash
# The background Jaeger build, end to end through stack.sh, with a stand-in `go` (a build that
# finishes when the test says so) and a stand-in Jaeger (a Node HTTP server answering
# /api/services), in a scratch stack dir and cache on free ports: it leaves the real stack alone.
#
#   - `up` returns while the build runs, `status` says `building (N s, log: ...)`;
#   - a second `up` joins the running build instead of starting another;
#   - the job starts Jaeger itself when the build is done;
#   - `down` stops a build in progress: no job, no go process, no half-built folder left;
#   - `up --wait-jaeger` waits for the build and for Jaeger's health;
#   - a failed build is reported by `status` and by `up --wait-jaeger`, and `up` tries again;
#   - without Go at all `up` still succeeds (the rest of the stack does not depend on Jaeger).
set -euo pipefail
STACK="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/stack.sh"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/crossdock-stack-test.XXXXXX")"
export CROSSDOCK_STACK_DIR="$scratch/stack" CROSSDOCK_CACHE_DIR="$scratch/cache"
export CROSSDOCK_JAEGER_TIMEOUT=30 CROSSDOCK_STOP_TIMEOUT=10 CROSSDOCK_JAEGER_BUILD_NICE=0
fake="$scratch/fake"
mkdir -p "$fake/bin" "$fake/src"
# Four ports nobody listens on (postgres, kafka and the registry are never started here).
read -r grpc http ui query < <(node -e '
  const net = require("node:net");
  const servers = [0, 1, 2, 3].map(() => net.createServer());
  Promise.all(servers.map((s) => new Promise((ok) => s.listen(0, "127.0.0.1", ok)))).then(() => {
    console.log(servers.map((s) => s.address().port).join(" "));
    servers.forEach((s) => s.close());
  });')
export CROSSDOCK_JAEGER_OTLP_GRPC_PORT="$grpc" CROSSDOCK_JAEGER_OTLP_HTTP_PORT="$http"
export CROSSDOCK_JAEGER_UI_PORT="$ui" CROSSDOCK_JAEGER_QUERY_GRPC_PORT="$query"

# The stand-in go: `mod download -json` names a source folder; `build -o OUT` records its pid and
# one line per build, waits for $fake/release (or fails on $fake/fail), then writes a stand-in
# Jaeger that serves /api/services on the UI port until SIGTERM.
cat >"$fake/bin/go" <<EOF
#!/usr/bin/env bash
fake="$fake"
EOF
cat >>"$fake/bin/go" <<'EOF'
case "$1" in
  mod) printf '{\n\t"Path": "github.com/jaegertracing/jaeger",\n\t"Dir": "%s",\n}\n' "$fake/src" ;;
  build)
    out=""
    while (($#)); do [[ "$1" == -o ]] && out="$2"; shift; done
    echo "$$" >"$fake/go-build.pid"
    echo build >>"$fake/builds"
    until [[ -e "$fake/release" || -e "$fake/fail" ]]; do sleep 0.1; done
    [[ -e "$fake/fail" ]] && { echo "stand-in go: compile error" >&2; exit 1; }
    cat >"$out" <<'JAEGER'
#!/usr/bin/env bash
exec node -e '
  require("node:http").createServer((q, r) => r.end(q.url === "/api/services" ? "{\"data\":[]}" : "")).listen(Number(process.env.CROSSDOCK_JAEGER_UI_PORT), "127.0.0.1");
  process.on("SIGTERM", () => process.exit(0));' -- "$@"
JAEGER
    chmod +x "$out" ;;
  *) echo "stand-in go: unexpected $*" >&2; exit 2 ;;
esac
EOF
chmod +x "$fake/bin/go"
export PATH="$fake/bin:$PATH"

cleanup() {
  bash "$STACK" down >/dev/null 2>&1 || true
  rm -rf "$scratch"
}
trap cleanup EXIT

passed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() {
  echo "FAIL $*" >&2
  echo "----- status -----" >&2; bash "$STACK" status >&2 || true
  echo "----- jaeger-build.log -----" >&2; cat "$CROSSDOCK_STACK_DIR/logs/jaeger-build.log" >&2 2>/dev/null || true
  exit 1
}
# Polls a condition every 0.1 s for up to $1 seconds.
eventually() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do ((SECONDS < deadline)) || return 1; sleep 0.1; done
}
status_of_jaeger() { bash "$STACK" status 2>/dev/null | grep '^jaeger ' || true; }
jaeger_running() { [[ "$(status_of_jaeger)" =~ ^jaeger\ +running ]]; }
jaeger_answers() { curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$ui/api/services"; }
build_job_pid() { cat "$CROSSDOCK_STACK_DIR/run/jaeger-build.pid" 2>/dev/null || true; }
build_jobs() { pgrep -f -- " build-jaeger $CROSSDOCK_STACK_DIR/" | wc -l; }
builds() { wc -l <"$fake/builds" 2>/dev/null || echo 0; }
go_build_started() { [[ -s "$fake/go-build.pid" ]]; }
go_build_alive() { kill -0 "$(cat "$fake/go-build.pid")" 2>/dev/null; }
no_go_build() { ! go_build_alive; }
partials() { find "$CROSSDOCK_CACHE_DIR" -maxdepth 1 -name '*.partial.*' | wc -l; }

# --- up returns while the build runs; status says so ---
out="$(timeout 60 bash "$STACK" up jaeger 2>&1)" || fail "up while not built exited non-zero: $out"
[[ "$out" == *"building it in the background"* ]] || fail "up did not announce the background build: $out"
job="$(build_job_pid)"
[[ -n "$job" ]] && kill -0 "$job" || fail "no background build job after up"
eventually 20 go_build_started || fail "the job never ran go build"
jaeger_answers && fail "Jaeger answers before its build is done"
ok "up returns while Jaeger builds in the background (job $job)"

line="$(status_of_jaeger)"
[[ "$line" =~ ^jaeger\ +building\ +\([0-9]+\ s,\ log:\ .*/logs/jaeger-build\.log\)$ ]] || fail "status line while building: '$line'"
if bash "$STACK" status >/dev/null 2>&1; then fail "status exits 0 while Jaeger is not running"; fi
ok "status: '$line', exit 1"
out="$(bash "$STACK" logs jaeger 2>&1)"
[[ "$out" == *"background build of"*"started"* ]] || fail "logs jaeger does not show the build's log: $out"
ok "logs jaeger shows the build's log"

# --- a second up joins the running build ---
out="$(timeout 60 bash "$STACK" up jaeger 2>&1)" || fail "second up exited non-zero: $out"
[[ "$out" == *"still building in the background"*"pid $job"* ]] || fail "second up did not join the build: $out"
[[ "$(build_job_pid)" == "$job" && "$(build_jobs)" == 1 && "$(builds)" == 1 ]] ||
  fail "second up started another build (job file $(build_job_pid), jobs $(build_jobs), builds $(builds))"
ok "a second up joins the build in progress"

# --- the job starts Jaeger itself when the build is done ---
touch "$fake/release"
eventually 60 jaeger_running || fail "Jaeger did not start after its build"
jaeger_answers || fail "Jaeger is running but does not answer"
no_build_job() { [[ -z "$(build_job_pid)" ]]; }
eventually 30 no_build_job || fail "the build job did not end after starting Jaeger"
[[ "$(builds)" == 1 ]] || fail "$(builds) builds for one binary"
grep -q 'jaeger: healthy' "$CROSSDOCK_STACK_DIR/logs/jaeger-build.log" || fail "the job's log does not show Jaeger's health check"
out="$(bash "$STACK" up jaeger 2>&1)"
[[ "$out" == *"jaeger: already running"* ]] || fail "up after the build: $out"
ok "the build job started Jaeger (health-checked); up then finds it running"
bash "$STACK" down >/dev/null

# --- down stops a build in progress, cleanly ---
rm -rf "$CROSSDOCK_CACHE_DIR"/jaeger-* "$fake/release" "$fake/go-build.pid"
bash "$STACK" up jaeger >/dev/null 2>&1
job="$(build_job_pid)"
eventually 20 go_build_started || fail "the second build never ran go build"
go_pid="$(cat "$fake/go-build.pid")"
bash "$STACK" down >/dev/null 2>&1 || fail "down during a build exited non-zero"
eventually 10 no_go_build || fail "go build (pid $go_pid) survived down"
if kill -0 "$job" 2>/dev/null; then fail "the build job (pid $job) survived down"; fi
[[ "$(build_jobs)" == 0 && -z "$(build_job_pid)" && "$(partials)" == 0 ]] ||
  fail "down left jobs $(build_jobs), pid file '$(build_job_pid)', partial folders $(partials)"
line="$(status_of_jaeger)"
[[ "$line" =~ ^jaeger\ +stopped\ +pid=- ]] || fail "status after down during a build: '$line'"
ok "down stops the build (job and go), leaves no half-built folder"

# --- up --wait-jaeger waits for the build and the health check ---
rm -f "$fake/go-build.pid"
bash "$STACK" up --wait-jaeger jaeger >"$scratch/wait.out" 2>&1 &
waiter=$!
eventually 20 go_build_started || fail "up --wait-jaeger never started the build"
kill -0 "$waiter" 2>/dev/null || fail "up --wait-jaeger returned before the build was done: $(cat "$scratch/wait.out")"
touch "$fake/release"
rc=0
wait "$waiter" || rc=$?
((rc == 0)) || fail "up --wait-jaeger exited $rc: $(cat "$scratch/wait.out")"
jaeger_answers || fail "up --wait-jaeger returned but Jaeger does not answer"
grep -q 'jaeger: healthy' "$scratch/wait.out" || fail "up --wait-jaeger did not report Jaeger healthy: $(cat "$scratch/wait.out")"
ok "up --wait-jaeger returns once the build is done and Jaeger answers"
bash "$STACK" down >/dev/null

# --- a failed build: status names it, --wait-jaeger fails with the log, up tries again ---
rm -rf "$CROSSDOCK_CACHE_DIR"/jaeger-* "$fake/release" "$fake/go-build.pid"
touch "$fake/fail"
rc=0
out="$(bash "$STACK" up --wait-jaeger jaeger 2>&1)" || rc=$?
((rc != 0)) || fail "up --wait-jaeger succeeded on a failed build: $out"
[[ "$out" == *"stand-in go: compile error"* ]] || fail "up --wait-jaeger did not show the build log's end: $out"
line="$(status_of_jaeger)"
[[ "$line" =~ ^jaeger\ +stopped\ +build\ failed\ at\ [0-9:]+\ \(log:\ .*jaeger-build\.log\) ]] || fail "status after a failed build: '$line'"
[[ "$(partials)" == 0 ]] || fail "a failed build left a half-built folder"
rm -f "$fake/fail" "$fake/go-build.pid"
touch "$fake/release"
out="$(bash "$STACK" up --wait-jaeger jaeger 2>&1)" || fail "up after a failed build: $out"
jaeger_answers || fail "Jaeger does not answer after the retried build"
ok "a failed build shows in status and --wait-jaeger; the next up builds again"

bash "$STACK" down >/dev/null

# --- no Go at all: up succeeds all the same, --wait-jaeger names the missing tool ---
rm -rf "$CROSSDOCK_CACHE_DIR"/jaeger-*
no_go_path="$(tr ':' '\n' <<<"$PATH" | while read -r dir; do [[ -x "$dir/go" ]] || printf '%s:' "$dir"; done)"
out="$(PATH="$no_go_path" timeout 60 bash "$STACK" up jaeger 2>&1)" || fail "up without Go exited non-zero: $out"
build_failed() { [[ "$(status_of_jaeger)" =~ build\ failed ]]; }
eventually 30 build_failed || fail "status does not show the failed build: '$(status_of_jaeger)'"
rc=0
out="$(PATH="$no_go_path" timeout 60 bash "$STACK" up --wait-jaeger jaeger 2>&1)" || rc=$?
((rc != 0)) && [[ "$out" == *"missing tool 'go'"* ]] || fail "up --wait-jaeger without Go (exit $rc): $out"
ok "without Go, up still succeeds; status and up --wait-jaeger report the missing tool"

bash "$STACK" down >/dev/null
[[ "$(build_jobs)" == 0 ]] || fail "jobs left after down"
echo "jaeger background build: $passed passed"
