#!/bin/sh
# Creates (first run) or upgrades (later runs) Temporal's two PostgreSQL databases. Runs in
# temporalio/admin-tools before the server starts, as in temporalio/samples-server compose/.
# Safe to re-run: `create` tolerates an existing database, update-schema only applies what is new.
set -eu
: "${POSTGRES_SEEDS:?POSTGRES_SEEDS is required}"
: "${POSTGRES_USER:?POSTGRES_USER is required}"
PORT="${DB_PORT:-5432}"

echo "waiting for PostgreSQL at ${POSTGRES_SEEDS}:${PORT}"
until nc -z -w 5 "${POSTGRES_SEEDS}" "${PORT}"; do sleep 1; done

tool() { temporal-sql-tool --plugin postgres12 --ep "${POSTGRES_SEEDS}" -u "${POSTGRES_USER}" -p "${PORT}" "$@"; }

MAIN_DB="${DBNAME:-temporal}"
VISIBILITY_DB="${VISIBILITY_DBNAME:-temporal_visibility}"

for db in "$MAIN_DB" "$VISIBILITY_DB"; do
  case "$db" in
    "$MAIN_DB") dir=/etc/temporal/schema/postgresql/v12/temporal/versioned ;;
    *) dir=/etc/temporal/schema/postgresql/v12/visibility/versioned ;;
  esac
  tool --db "$db" create || echo "database $db already exists"
  tool --db "$db" setup-schema -v 0.0
  tool --db "$db" update-schema -d "$dir"
done
echo "PostgreSQL schema setup complete"
