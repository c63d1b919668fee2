#!/bin/bash
# docker-compose's postgres runs this once, on an empty volume (docker-entrypoint-initdb.d):
# it creates the databases listed in infra/stack/databases.txt, mounted at /crossdock/databases.txt.
# The entrypoint may source this file rather than run it, so no `set -e` and no `exit`.
while read -r db; do
  echo "crossdock: creating database $db"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -c "CREATE DATABASE \"$db\""
done < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' /crossdock/databases.txt | grep -v '^$')
