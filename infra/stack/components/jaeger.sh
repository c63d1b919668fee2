# shellcheck shell=bash
# Jaeger v2: built once from its Go module (no binary downloads here), in-memory storage.
#
# The first build takes minutes, so `up` does not wait for it: it starts the build in the
# background (`stack.sh build-jaeger`, detached, logged) and returns; that job starts Jaeger itself
# once the binary is there. `up --wait-jaeger` waits for it; `down` stops a build in progress.

JAEGER_BIN="$CACHE_DIR/jaeger-$JAEGER_VERSION/jaeger"
JAEGER_DIR="$STACK_DIR/jaeger"
JAEGER_BUILD_LOG="$LOG_DIR/jaeger-build.log"
# The background job's pid (its file's age is the build's age) and, when it failed, why and when.
JAEGER_BUILD_PID_FILE="$RUN_DIR/jaeger-build.pid"
JAEGER_BUILD_FAILED_FILE="$RUN_DIR/jaeger-build.failed"

jaeger_ports() { echo "$JAEGER_OTLP_GRPC_PORT $JAEGER_OTLP_HTTP_PORT $JAEGER_UI_PORT $JAEGER_QUERY_GRPC_PORT"; }

jaeger_healthy() {
  [[ -n "$(component_pid jaeger)" ]] && http_ok "http://127.0.0.1:$JAEGER_UI_PORT/api/services"
}

jaeger_is_built() { [[ -f "$(dirname "$JAEGER_BIN")/.complete" ]]; }

jaeger_build() {
  require_tool go
  local out="$1" log="$JAEGER_BUILD_LOG" src
  # Run from the empty output dir so no surrounding go.mod gets involved.
  src="$(cd "$out" && go mod download -json "github.com/jaegertracing/jaeger@$JAEGER_VERSION" 2>>"$log" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$src" ]] || die "jaeger: go mod download of $JAEGER_VERSION failed (log: $log)"
  say "jaeger: building $JAEGER_VERSION from source; the first build takes several minutes (log: $log)"
  # `go install ...@version` refuses this module (its go.mod has replace directives),
  # so build inside the downloaded module, which makes it the main module.
  # Runs in the background while the stack and services start: a lower priority leaves them the CPU.
  (cd "$src" && nice -n "$JAEGER_BUILD_NICE" go build -trimpath -ldflags='-s -w' -o "$out/jaeger" ./cmd/jaeger) >>"$log" 2>&1 ||
    die "jaeger: go build of $JAEGER_VERSION failed (log: $log)"
}

jaeger_prepare() {
  cached "$(dirname "$JAEGER_BIN")" "Jaeger $JAEGER_VERSION" jaeger_build
}

jaeger_start() {
  mkdir -p "$JAEGER_DIR"
  rotate_log jaeger
  # A copy per run: the running config is what was started, and the command line then names
  # our stack dir (which is how down/status recognise the process as ours).
  cp "$STACK_HOME/jaeger/config.yaml" "$JAEGER_DIR/config.yaml"
  export CROSSDOCK_JAEGER_OTLP_GRPC_PORT="$JAEGER_OTLP_GRPC_PORT" CROSSDOCK_JAEGER_OTLP_HTTP_PORT="$JAEGER_OTLP_HTTP_PORT" \
    CROSSDOCK_JAEGER_UI_PORT="$JAEGER_UI_PORT" CROSSDOCK_JAEGER_QUERY_GRPC_PORT="$JAEGER_QUERY_GRPC_PORT"
  spawn jaeger "$JAEGER_BIN" --config "$JAEGER_DIR/config.yaml"
}

# ---------- the background build ----------

# The build job's pid while it runs. Its command line names our stack dir and `build-jaeger`,
# so neither a reused pid nor another stack's build passes for ours.
jaeger_build_pid() {
  local pid
  [[ -f "$JAEGER_BUILD_PID_FILE" ]] || return 0
  pid="$(cat "$JAEGER_BUILD_PID_FILE" 2>/dev/null)"
  pid_is_ours "$pid" && [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *" build-jaeger "* ]] && echo "$pid"
  return 0
}

jaeger_build_age() { echo $(($(date +%s) - $(stat -c %Y "$JAEGER_BUILD_PID_FILE" 2>/dev/null || date +%s))); }

# up_one's hook: true (and nothing else to do now) while the binary is not built yet.
jaeger_deferred() {
  jaeger_is_built && return 1
  local pid; pid="$(jaeger_build_pid)"
  if [[ -n "$pid" ]]; then
    say "jaeger: still building in the background ($(jaeger_build_age) s so far, pid $pid, log: $JAEGER_BUILD_LOG)"
  else
    rm -f "$JAEGER_BUILD_FAILED_FILE"
    rotate_log jaeger-build
    # The job runs `stack.sh build-jaeger` with this stack's settings; the stack dir as an argument
    # marks it as ours (pid_is_ours).
    CROSSDOCK_STACK_DIR="$STACK_DIR" CROSSDOCK_CACHE_DIR="$CACHE_DIR" \
      spawn jaeger-build bash "$STACK_HOME/stack.sh" build-jaeger "$STACK_DIR/"
    pid="$(jaeger_build_pid)"
    if [[ -z "$pid" ]]; then
      # Over already (no Go, say): the rest of the stack still comes up; status and
      # `up --wait-jaeger` report the failure.
      warn "jaeger: the background build of $JAEGER_VERSION ended at once (log: $JAEGER_BUILD_LOG):"
      tail -n 5 "$JAEGER_BUILD_LOG" >&2
      return 0
    fi
    say "jaeger: $JAEGER_VERSION is not built yet; building it in the background (pid $pid, log: $JAEGER_BUILD_LOG), it starts when done"
  fi
  say "jaeger: until then spans sent to OTLP :$JAEGER_OTLP_HTTP_PORT are dropped; 'stack.sh up --wait-jaeger' waits for it"
  return 0
}

# The body of `stack.sh build-jaeger`, in its own session: build (once per cache, whichever stack
# asks first), then start Jaeger under the stack lock with the usual health checks.
jaeger_build_job() {
  local t0=$SECONDS cache_dir; cache_dir="$(dirname "$JAEGER_BIN")"
  # `down` stops the whole process group (go and its compilers too); the half-built folder goes.
  trap 'exit 143' TERM INT HUP
  # shellcheck disable=SC2064 # the folder is fixed now; the trap may run after this function returned
  trap "jaeger_build_job_exit \$? $(printf '%q' "$cache_dir.partial.$$")" EXIT
  say "jaeger: background build of $JAEGER_VERSION started (pid $$)"
  mkdir -p "$CACHE_DIR"
  exec 8>"$CACHE_DIR/jaeger-$JAEGER_VERSION.lock"
  if ! flock -n 8; then
    say "jaeger: another stack is building $JAEGER_VERSION into $CACHE_DIR; waiting for it"
    flock 8
  fi
  # Left by a build that was killed outright; only a holder of the lock builds, so none is live.
  rm -rf "$cache_dir".partial.*
  jaeger_prepare
  exec 8>&-
  say "jaeger: build done in $((SECONDS - t0)) s; starting it"
  take_lock
  up_one jaeger
}

jaeger_build_job_exit() {
  local rc="$1" partial="$2"
  rm -rf "$partial"
  if ((rc != 0)); then
    printf '%s exit %s\n' "$(date +%s)" "$rc" >"$JAEGER_BUILD_FAILED_FILE"
    say "jaeger: background build or start failed (exit $rc)"
  fi
  [[ "$(cat "$JAEGER_BUILD_PID_FILE" 2>/dev/null)" == "$$" ]] && rm -f "$JAEGER_BUILD_PID_FILE"
  return 0
}

# `up --wait-jaeger`: called without the stack lock, which the job needs to start Jaeger.
jaeger_wait_build() {
  local pid deadline=$((SECONDS + JAEGER_BUILD_TIMEOUT)) next_note=$((SECONDS + 60))
  pid="$(jaeger_build_pid)"
  if [[ -n "$pid" ]]; then
    say "jaeger: waiting for the background build (pid $pid, log: $JAEGER_BUILD_LOG)"
    while [[ -n "$(jaeger_build_pid)" ]]; do
      ((SECONDS < deadline)) ||
        die "jaeger: still building after ${JAEGER_BUILD_TIMEOUT}s (log: $JAEGER_BUILD_LOG); it goes on, 'stack.sh down jaeger' stops it"
      if ((SECONDS >= next_note)); then
        say "jaeger: still building ($(jaeger_build_age) s so far)"
        next_note=$((SECONDS + 60))
      fi
      sleep 1
    done
  fi
  # Also when there was nothing to wait for: a build that failed at once left no job behind.
  if jaeger_healthy; then
    [[ -z "$pid" ]] || say "jaeger: healthy (pid $(component_pid jaeger))"
  elif [[ -f "$JAEGER_BUILD_FAILED_FILE" ]]; then
    fail_component jaeger-build "the background build or start of Jaeger failed"
  else
    die "jaeger: the background build ended without starting Jaeger (stopped by 'stack.sh down'?)"
  fi
}

# `down`'s hook, before Jaeger itself: a build in progress would start Jaeger when done.
jaeger_before_stop() {
  local pid waited=0; pid="$(jaeger_build_pid)"
  [[ -n "$pid" ]] || return 0
  say "jaeger: stopping the background build (pid $pid)"
  # spawn's setsid made the job a process group leader: the group is the job, go and its compilers.
  kill -TERM -- "-$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= STOP_TIMEOUT * 10)); then
      warn "the jaeger build ignored SIGTERM for ${STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  # Stopped on purpose: not a failure to report.
  rm -f "$JAEGER_BUILD_PID_FILE" "$JAEGER_BUILD_FAILED_FILE"
}

# `status`'s hook while Jaeger is not running: the build in progress or the last one's failure.
jaeger_status_note() {
  local pid; pid="$(jaeger_build_pid)"
  if [[ -n "$pid" ]]; then
    printf 'building  (%s s, log: %s)' "$(jaeger_build_age)" "$JAEGER_BUILD_LOG"
  elif [[ -f "$JAEGER_BUILD_FAILED_FILE" ]]; then
    printf 'stopped   build failed at %s (log: %s); stack.sh up tries again' \
      "$(date -d "@$(cut -d' ' -f1 "$JAEGER_BUILD_FAILED_FILE")" '+%H:%M:%S')" "$JAEGER_BUILD_LOG"
  fi
}
