#!/usr/bin/env bash
# Connection settings for services, as `export` lines (same values for every checkout):
#   eval "$(bash infra/stack/stack.sh env)"
# Honours the CROSSDOCK_*_PORT overrides, so services follow a moved port.
set -euo pipefail
# shellcheck source=infra/stack/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

echo "export KAFKA_BROKERS=localhost:$KAFKA_PORT"
# Apicurio serves the Confluent-compatible API under this prefix (docker-compose's Confluent
# registry serves it at the root instead).
echo "export SCHEMA_REGISTRY_URL=http://localhost:$REGISTRY_PORT/apis/ccompat/v7"
# One per service of infra/services.json: its database is its name with underscores.
databases="$(service_database_names)"
for db in $databases; do
  echo "export DATABASE_URL_${db^^}=postgresql://$PG_USER:$PG_PASSWORD@localhost:$POSTGRES_PORT/$db"
done
# Administrative connection: tests create and drop throwaway databases through it.
echo "export POSTGRES_ADMIN_URL=postgresql://$PG_USER:$PG_PASSWORD@localhost:$POSTGRES_PORT/postgres"
echo "export OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:$JAEGER_OTLP_HTTP_PORT"
echo "export JAEGER_QUERY_URL=http://localhost:$JAEGER_UI_PORT"
