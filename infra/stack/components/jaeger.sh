# shellcheck shell=bash
# Jaeger v2: built once from its Go module (no binary downloads here), in-memory storage.

JAEGER_BIN="$CACHE_DIR/jaeger-$JAEGER_VERSION/jaeger"
JAEGER_DIR="$STACK_DIR/jaeger"

jaeger_ports() { echo "$JAEGER_OTLP_GRPC_PORT $JAEGER_OTLP_HTTP_PORT $JAEGER_UI_PORT $JAEGER_QUERY_GRPC_PORT"; }

jaeger_healthy() {
  [[ -n "$(component_pid jaeger)" ]] && http_ok "http://127.0.0.1:$JAEGER_UI_PORT/api/services"
}

jaeger_build() {
  require_tool go
  local out="$1" log="$LOG_DIR/jaeger-build.log" src
  # Run from the empty output dir so no surrounding go.mod gets involved.
  src="$(cd "$out" && go mod download -json "github.com/jaegertracing/jaeger@$JAEGER_VERSION" 2>>"$log" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$src" ]] || die "jaeger: go mod download of $JAEGER_VERSION failed (log: $log)"
  say "jaeger: building $JAEGER_VERSION from source; the first build takes several minutes (log: $log)"
  # `go install ...@version` refuses this module (its go.mod has replace directives),
  # so build inside the downloaded module, which makes it the main module.
  (cd "$src" && go build -trimpath -ldflags='-s -w' -o "$out/jaeger" ./cmd/jaeger) >>"$log" 2>&1 || {
    tail -n 30 "$log" >&2
    die "jaeger: go build of $JAEGER_VERSION failed (log: $log)"
  }
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
