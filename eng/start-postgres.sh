#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the storage tests, on 127.0.0.1 only, and prints one line for the caller
# to eval:
#
#   eval "$(bash eng/start-postgres.sh)"    # exports DISTILLGUARD_TEST_POSTGRES
#
# Everything else (progress, the server's own output) goes to stderr or to the cluster's log file.
#
# - Installs Debian's postgresql package when no /usr/lib/postgresql/*/bin/initdb exists (CI machines are clean).
# - The cluster lives in $DISTILLGUARD_PG_DIR (default /tmp/distillguard-pg-<port>), listens on 127.0.0.1 at
#   $DISTILLGUARD_PG_PORT (default 55432), keeps its unix socket in that directory, and is owned by the postgres OS
#   user (initdb refuses to run as root).
# - Idempotent: a cluster of ours that is already running is reused; a stale one (left by a killed session) is wiped
#   and created again. It never stops or touches any other PostgreSQL server on the machine.
# - It also exports DISTILLGUARD_TEST_POSTGRES_STARTED: 1 when this call started the server, 0 when it reused a running
#   one, so that the caller stops only what it started (eng/stop-postgres.sh).
set -euo pipefail

port="${DISTILLGUARD_PG_PORT:-55432}"
dir="${DISTILLGUARD_PG_DIR:-/tmp/distillguard-pg-${port}}"
role="distillguard"
password="distillguard-test"
database="distillguard"
data="${dir}/data"
log="${dir}/postgres.log"

say() { echo "start-postgres: $*" >&2; }

find_bin() {
    local initdb
    initdb=$(ls -1d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -n "$initdb" ]] && dirname "$initdb"
}

bin=$(find_bin || true)
if [[ -z "$bin" ]]; then
    say "no PostgreSQL server binaries found; installing Debian's postgresql package"
    if [[ $(id -u) -ne 0 ]]; then
        say "installing needs root (apt-get install -y postgresql)"
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    bin=$(find_bin || true)
    if [[ -z "$bin" ]]; then
        say "postgresql installed but no /usr/lib/postgresql/*/bin/initdb found"
        exit 1
    fi
fi

# Run a server binary as the cluster's owner: the postgres OS user when we are root, ourselves otherwise.
if [[ $(id -u) -eq 0 ]]; then
    owner="postgres"
    as_owner() { runuser -u postgres -- "$@"; }
else
    owner="$(id -un)"
    as_owner() { "$@"; }
fi

# psql as the bootstrap superuser over the cluster's own unix socket (local connections are trusted).
admin_psql() {
    as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres "$@"
}

running() {
    [[ -f "$data/PG_VERSION" ]] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

# Waits up to $1 seconds for the server to accept connections on 127.0.0.1:$port.
wait_ready() {
    local i
    for ((i = 0; i < $1; i++)); do
        if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
            return 0
        fi
        sleep 1
    done
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"
}

start_fresh() {
    if [[ -e "$dir" ]]; then
        say "removing the stale cluster in $dir"
        rm -rf "$dir"
    fi
    mkdir -p "$dir"
    chown "$owner" "$dir"
    chmod 700 "$dir"

    say "initdb ($("$bin/postgres" --version)) into $data"
    # Local (unix socket) connections are trusted, so this script can administer the cluster; TCP needs a password.
    as_owner "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }

    {
        echo "listen_addresses = '127.0.0.1'"
        echo "port = ${port}"
        echo "unix_socket_directories = '${dir}'"
        echo "max_connections = 200"
    } >>"$data/postgresql.conf"

    say "starting on 127.0.0.1:$port"
    if ! as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >&2; then
        say "pg_ctl start failed; the server log follows"
        cat "$log" >&2 || true
        exit 1
    fi
}

started=1
if running; then
    if wait_ready 10; then
        say "reusing the cluster already running in $dir on 127.0.0.1:$port"
        started=0
    else
        # Ours (it lives in our directory) but not answering, e.g. its postmaster was just killed: start over.
        say "the cluster in $dir does not answer; stopping it and starting a new one"
        as_owner "$bin/pg_ctl" -D "$data" -m immediate -w -t 30 stop >&2 || true
        start_fresh
    fi
else
    start_fresh
fi

if ! wait_ready 60; then
    say "the server on 127.0.0.1:$port did not become ready; see $log"
    exit 1
fi

# The test role creates and drops a database per test class, so it needs CREATEDB (not superuser).
admin_psql <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN
        CREATE ROLE ${role} LOGIN CREATEDB PASSWORD '${password}';
    END IF;
END
\$\$;
-- DROP DATABASE ... WITH (FORCE) must be able to end an autovacuum worker still connected to a test database.
GRANT pg_signal_backend TO ${role};
SQL
if [[ -z $(admin_psql -tA -c "SELECT 1 FROM pg_database WHERE datname = '${database}'") ]]; then
    admin_psql -c "CREATE DATABASE ${database} OWNER ${role}"
fi

say "ready"
echo "export DISTILLGUARD_TEST_POSTGRES_STARTED=${started}"
echo "export DISTILLGUARD_TEST_POSTGRES='Host=127.0.0.1;Port=${port};Username=${role};Password=${password};Database=${database}'"
