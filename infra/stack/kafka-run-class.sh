#!/usr/bin/env bash
# Run any Kafka class on the stack's cached Kafka classpath, like Kafka's own script:
#   bash infra/stack/kafka-run-class.sh org.apache.kafka.tools.ProducerPerformance \
#     --topic t --num-records 1000 --record-size 100 --throughput -1 \
#     --producer-props bootstrap.servers=localhost:9092
# Heap: CROSSDOCK_KAFKA_TOOLS_HEAP (default -Xmx512m). Logging: warnings on stderr.
set -euo pipefail
# shellcheck source=infra/stack/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=infra/stack/components/kafka.sh
source "$STACK_HOME/components/kafka.sh"

(($# > 0)) || die "usage: kafka-run-class.sh <main class> [args...]"
mkdir -p "$LOG_DIR"
kafka_prepare >&2
# shellcheck disable=SC2086 # the heap setting holds several JVM flags
exec "$KAFKA_JAVA" ${CROSSDOCK_KAFKA_TOOLS_HEAP:--Xmx512m} -Djava.awt.headless=true \
  -Dlog4j2.configurationFile="$STACK_HOME/kafka/tools-log4j2.properties" \
  -cp "$(kafka_classpath)" "$@"
