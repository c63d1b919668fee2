#!/usr/bin/env bash
# Crossdock's local infrastructure without Docker: PostgreSQL, Kafka (KRaft), Apicurio schema
# registry and Jaeger, as plain processes whose state lives in $CROSSDOCK_STACK_DIR (.stack/).
#
#   stack.sh up     [--wait-jaeger] [component...]  start what is down, wait until healthy
#                   (no-op when all are); a Jaeger not built yet builds in the background and
#                   starts itself when done, unless --wait-jaeger (then up waits for it too)
#   stack.sh down   [component...]  stop (SIGTERM, SIGKILL after CROSSDOCK_STOP_TIMEOUT seconds)
#   stack.sh status                 one line per component; exit 1 if any is not running
#   stack.sh logs   [component]     tail the logs (follows when run in a terminal)
#   stack.sh env                    `export` lines with the connection settings for services
#
# Components: postgres kafka registry jaeger. See infra/stack/README.md for the overrides.
set -euo pipefail

# shellcheck source=infra/stack/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
for f in "$STACK_HOME"/components/*.sh; do
  # shellcheck source=/dev/null
  source "$f"
done

usage() {
  sed -n '5,13s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}

# Checked up front: a `die` inside $(selected ...) would only end the subshell.
check_components() {
  local c
  for c in "$@"; do is_known_component "$c" || die "unknown component '$c' (known: ${COMPONENTS[*]})"; done
}

# The named components (default: all), in start order.
selected() {
  local c want=" $* "
  (($# == 0)) && { echo "${COMPONENTS[@]}"; return; }
  for c in "${COMPONENTS[@]}"; do [[ "$want" == *" $c "* ]] && printf '%s ' "$c"; done
  echo
}

# Serialise up/down: two concurrent `up`s would both see a component down and both start it.
take_lock() {
  exec 9>"$STACK_DIR/.lock"
  flock -n 9 && return
  say "waiting for another stack.sh up/down to finish (lock: $STACK_DIR/.lock)"
  flock -w 900 9 || die "another stack.sh up/down holds $STACK_DIR/.lock"
}

run_ready_hook() { if declare -F "${1}_ready" >/dev/null; then "${1}_ready"; fi; }
# A component with a <name>_deferred hook may put its start off (Jaeger while it is being built).
is_deferred() { declare -F "${1}_deferred" >/dev/null && "${1}_deferred"; }

up_one() {
  local c="$1" pid t0="" timeout_var="${1^^}_TIMEOUT"
  if "${c}_healthy"; then
    run_ready_hook "$c"
    say "$c: already running (pid $(component_pid "$c"))"
    return
  fi
  pid="$(component_pid "$c")"
  if [[ -n "$pid" ]]; then
    # Ours but not answering yet: most likely still starting from an earlier `up`.
    say "$c: pid $pid is up but not healthy yet; waiting"
  else
    # shellcheck disable=SC2046 # one port per word
    ensure_ports_free "$c" $("${c}_ports")
    is_deferred "$c" && return
    "${c}_prepare"
    t0=$SECONDS
    say "$c: starting"
    "${c}_start"
    pid="$(component_pid "$c")"
    [[ -n "$pid" ]] || fail_component "$c" "process exited during startup"
  fi
  wait_healthy "$c" "${!timeout_var}"
  run_ready_hook "$c"
  say "$c: healthy (pid $(component_pid "$c")${t0:+, started in $((SECONDS - t0))s})"
}

cmd_up() {
  local wait_jaeger="" c want=""
  for c in "$@"; do
    if [[ "$c" == --wait-jaeger ]]; then wait_jaeger=1; else want+=" $c"; fi
  done
  # shellcheck disable=SC2086 # one component per word
  check_components $want
  mkdir -p "$LOG_DIR" "$RUN_DIR"
  take_lock
  # The registry keeps its schemas in postgres.
  [[ " $want " == *" registry "* ]] && want+=" postgres"
  # shellcheck disable=SC2086 # one component per word
  for c in $(selected $want); do up_one "$c"; done
  if [[ -n "$wait_jaeger" && " $(selected $want) " == *" jaeger "* ]]; then
    # The build job takes the lock to start Jaeger: let go of it while waiting.
    exec 9>&-
    jaeger_wait_build
  fi
  cmd_status || true
  say "connection settings: eval \"\$(bash infra/stack/stack.sh env)\""
}

cmd_down() {
  mkdir -p "$LOG_DIR" "$RUN_DIR"
  take_lock
  local -a list
  read -r -a list <<<"$(selected "$@")"
  local i c pid sig
  for ((i = ${#list[@]} - 1; i >= 0; i--)); do
    c="${list[i]}"
    if declare -F "${c}_before_stop" >/dev/null; then "${c}_before_stop"; fi
    pid="$(component_pid "$c")"
    if [[ -n "$pid" ]]; then
      sig=TERM
      declare -F "${c}_stop_signal" >/dev/null && sig="$("${c}_stop_signal")"
      say "$c: stopping pid $pid (SIG$sig)"
      stop_pid "$pid" "$sig"
    else
      say "$c: not running"
    fi
    rm -f "$RUN_DIR/$c.pid"
  done
  (($# == 0)) || return 0
  # Anything still referring to our stack dir (lost pid file, crashed start) goes too.
  local left
  left="$(leftover_pids | tr '\n' ' ')"
  if [[ -n "${left// /}" ]]; then
    warn "stray processes of this stack: $left; stopping them"
    for pid in $left; do stop_pid "$pid"; done
  fi
  left="$(leftover_pids | tr '\n' ' ')"
  [[ -z "${left// /}" ]] || die "processes still running after down: $left"
  say "stack stopped"
}

cmd_status() {
  local c pid state rss note rc=0
  for c in "${COMPONENTS[@]}"; do
    pid="$(component_pid "$c")"
    rss=-
    # A component that is not running may say why (Jaeger: still being built, or its build failed).
    note=""
    if [[ -z "$pid" ]] && declare -F "${c}_status_note" >/dev/null; then note="$("${c}_status_note")"; fi
    if [[ -n "$note" ]]; then
      printf '%-9s %s\n' "$c" "$note"
      rc=1
      continue
    fi
    if [[ -z "$pid" ]]; then
      state=stopped rc=1
    elif "${c}_healthy"; then
      state=running rss="$(tree_rss_mb "$pid")MB"
    else
      state=unhealthy rc=1 rss="$(tree_rss_mb "$pid")MB"
    fi
    printf '%-9s %-9s pid=%-8s port=%-24s rss=%s\n' "$c" "$state" "${pid:--}" \
      "$("${c}_ports" | tr ' ' ',')" "$rss"
  done
  return "$rc"
}

cmd_logs() {
  local -a files=()
  local c f
  for c in $(selected "$@"); do
    # A build's log too (Jaeger's, while it compiles in the background).
    for f in "$(log_file "$c-build")" "$(log_file "$c")"; do [[ -f "$f" ]] && files+=("$f"); done
  done
  ((${#files[@]})) || die "no logs yet in $LOG_DIR"
  # Following forever only makes sense for a person watching; scripts get a snapshot.
  if [[ -t 1 ]]; then exec tail -n 50 -F "${files[@]}"; else tail -n 100 "${files[@]}"; fi
}

cmd="${1:-}"
(($#)) && shift
case "$cmd" in
  up) cmd_up "$@" ;;
  down) check_components "$@" && cmd_down "$@" ;;
  status) cmd_status ;;
  logs) check_components "$@" && cmd_logs "$@" ;;
  env) exec bash "$STACK_HOME/env.sh" ;;
  # The detached job `up` starts for a Jaeger that is not built yet (components/jaeger.sh); its
  # argument, the stack dir, is what marks the process as this stack's.
  build-jaeger) jaeger_build_job ;;
  *) usage ;;
esac
