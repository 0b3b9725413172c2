#!/bin/bash
# The official postgres image's first start, in short: an empty data directory is initialised with POSTGRES_USER as the
# superuser (password authentication from other hosts), and /docker-entrypoint-initdb.d/*.sql run once.
set -euo pipefail
: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  initdb -D "$PGDATA" -U "$POSTGRES_USER" --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") >/dev/null
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  # the first server answers on a socket of its own only, so that no healthcheck (pg_isready) nor client takes it
  # for the real one, which starts after the scripts
  init_socket="$(mktemp -d)"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -c unix_socket_directories=$init_socket" -w start >/dev/null
  for script in /docker-entrypoint-initdb.d/*.sql; do
    [ -e "$script" ] && psql -h "$init_socket" -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres -f "$script"
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
fi
if [ "${1:-}" = "postgres" ]; then
  shift
  exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
fi
exec "$@"
