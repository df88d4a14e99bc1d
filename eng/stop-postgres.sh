#!/usr/bin/env bash
# Stops the throwaway PostgreSQL cluster that eng/start-postgres.sh started (same DISTILLGUARD_PG_PORT and
# DISTILLGUARD_PG_DIR defaults) and removes its directory. Does nothing when no cluster of ours is there; never touches
# any other PostgreSQL server on the machine.
set -euo pipefail

port="${DISTILLGUARD_PG_PORT:-55432}"
dir="${DISTILLGUARD_PG_DIR:-/tmp/distillguard-pg-${port}}"
data="${dir}/data"

say() { echo "stop-postgres: $*" >&2; }

[[ -f "$data/PG_VERSION" ]] || exit 0
initdb=$(ls -1d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
[[ -n "$initdb" ]] || exit 0
bin=$(dirname "$initdb")

if [[ $(id -u) -eq 0 ]]; then
    as_owner() { runuser -u postgres -- "$@"; }
else
    as_owner() { "$@"; }
fi

if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    say "stopping the cluster in $dir"
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >&2 || as_owner "$bin/pg_ctl" -D "$data" -m immediate -w -t 30 stop >&2 || true
fi
rm -rf "$dir"
