#!/usr/bin/env bash
# End-to-end check of a running stack, through the same endpoints the services use:
# every service database accepts a login, Kafka creates/produces/consumes a topic, the
# registry registers and looks up an Avro schema, an OTLP/HTTP span shows up in Jaeger.
# Leaves no state behind. Exit 1 if any check fails.
set -euo pipefail
# shellcheck source=infra/stack/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
eval "$(bash "$STACK_HOME/env.sh")"

passed=0 failed=0
check() {
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}

db_login() { PGPASSWORD="$PG_PASSWORD" psql -X -Atq "$1" -c 'SELECT 1' | grep -qx 1; }
for var in $(compgen -e | grep '^DATABASE_URL_'); do check "postgres: $var" db_login "${!var}"; done

kafka_roundtrip() {
  local run="$STACK_HOME/kafka-run-class.sh" topic="crossdock.stack-smoke-$RANDOM" msg="smoke-$RANDOM" rc=0
  bash "$run" org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BROKERS" \
    --create --topic "$topic" --partitions 1 --replication-factor 1 >/dev/null || return 1
  echo "$msg" | bash "$run" org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$KAFKA_BROKERS" --topic "$topic" &&
    bash "$run" org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$KAFKA_BROKERS" --topic "$topic" \
      --from-beginning --max-messages 1 --timeout-ms 15000 2>/dev/null | grep -qx "$msg" || rc=1
  bash "$run" org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BROKERS" --delete --topic "$topic" || rc=1
  return "$rc"
}
check "kafka: create topic, produce, consume" kafka_roundtrip

registry_roundtrip() {
  local subject="crossdock-stack-smoke-$RANDOM-value" ct='Content-Type: application/vnd.schemaregistry.v1+json'
  local body='{"schema":"{\"type\":\"record\",\"name\":\"Smoke\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}"}'
  local id lookup
  id="$(curl -sf -X POST -H "$ct" "$SCHEMA_REGISTRY_URL/subjects/$subject/versions" -d "$body")" &&
    lookup="$(curl -sf -X POST -H "$ct" "$SCHEMA_REGISTRY_URL/subjects/$subject" -d "$body")" &&
    id="${id#\{}" && [[ "$lookup" == *"${id%\}}"* ]] &&
    curl -sf -X DELETE "$SCHEMA_REGISTRY_URL/subjects/$subject" >/dev/null &&
    curl -sf -X DELETE "$SCHEMA_REGISTRY_URL/subjects/$subject?permanent=true" >/dev/null
}
check "registry: register, look up, delete an Avro schema" registry_roundtrip

jaeger_roundtrip() {
  local trace span now i
  trace="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  span="$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  now="$(date +%s%N)"
  curl -sf -X POST -H 'Content-Type: application/json' "$OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces" -d '{"resourceSpans":[{
    "resource":{"attributes":[{"key":"service.name","value":{"stringValue":"stack-smoke"}}]},
    "scopeSpans":[{"spans":[{"traceId":"'"$trace"'","spanId":"'"$span"'","name":"smoke","kind":1,
    "startTimeUnixNano":"'"$now"'","endTimeUnixNano":"'"$((now + 1000000))"'"}]}]}]}' >/dev/null || return 1
  # The batch processor flushes within about a second.
  for i in $(seq 20); do
    curl -sf "$JAEGER_QUERY_URL/api/traces/$trace" | grep -q "\"spanID\":\"$span\"" && return 0
    sleep 0.5
  done
  echo "span not found after $i polls" >&2
  return 1
}
check "jaeger: OTLP/HTTP span is queryable" jaeger_roundtrip

echo "smoke: $passed passed, $failed failed"
((failed == 0))
