#!/usr/bin/env bash
# Start/stop a throwaway PostgreSQL cluster on 127.0.0.1 for CI and local tests.
#
# Uses the server from Debian packages (installs `postgresql` if no server binaries are found),
# runs it as the `postgres` system user with a data dir of its own, and tunes it for speed
# (fsync/synchronous_commit/full_page_writes off: never use this for real data).
#
# Usage: scripts/postgres.sh start|stop|status
#   start/status print `DATABASE_URL=postgres://...` on stdout (messages go to stderr), so
#   `export "$(scripts/postgres.sh start)"` works.
# Env:   PG_PORT (5433), PG_DATA (/tmp/pbgdpl-pg), PG_START_TIMEOUT (seconds, 60)
set -euo pipefail

PORT="${PG_PORT:-5433}"
DATA="$(realpath -m "${PG_DATA:-/tmp/pbgdpl-pg}")"
TIMEOUT="${PG_START_TIMEOUT:-60}"
DB_USER=pbgdpl
DB_PASS=pbgdpl
DB_NAME=pbgdpl
DATABASE_URL="postgres://$DB_USER:$DB_PASS@127.0.0.1:$PORT/$DB_NAME"
LOG="$DATA/server.log"

log() { echo "[postgres] $*" >&2; }
die() { echo "[postgres] ERROR: $*" >&2; exit 1; }

# Server commands run as postgres, which may not read the caller's cwd (e.g. /root).
cd /

find_bindir() {
    # Newest /usr/lib/postgresql/<ver>/bin that has a full server.
    local d
    for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
        if [ -x "$d/postgres" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/psql" ]; then
            echo "$d"
            return 0
        fi
    done
    return 1
}

ensure_server() {
    if ! BIN="$(find_bindir)"; then
        [ "$(id -u)" -eq 0 ] || die "PostgreSQL server not installed and not root: apt-get install postgresql"
        log "PostgreSQL server binaries missing: installing Debian package postgresql"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq postgresql >/dev/null
        BIN="$(find_bindir)" || die "postgresql installed but no server binaries in /usr/lib/postgresql/*/bin"
    fi
    id -u postgres >/dev/null 2>&1 ||
        useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
}

as_pg() {
    # Run a server command as the postgres user (or directly when not root).
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_ctl_() { as_pg "$BIN/pg_ctl" -D "$DATA" "$@"; }

psql_admin() {
    # psql as the superuser over the cluster's own unix socket; SQL on stdin.
    as_pg "$BIN/psql" -h "$DATA" -p "$PORT" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1
}

is_running() { [ -f "$DATA/PG_VERSION" ] && pg_ctl_ status >/dev/null 2>&1; }

init_cluster() {
    local ver
    ver="$(basename "$(dirname "$BIN")")"
    if [ -f "$DATA/PG_VERSION" ] && [ "$(cat "$DATA/PG_VERSION")" != "$ver" ]; then
        log "throwaway cluster in $DATA is PostgreSQL $(cat "$DATA/PG_VERSION"), server is $ver: re-initialising"
        rm -rf "$DATA"
    fi
    if [ ! -f "$DATA/PG_VERSION" ]; then
        log "initialising PostgreSQL $ver cluster in $DATA"
        rm -rf "$DATA"
        mkdir -p "$DATA"
        [ "$(id -u)" -eq 0 ] && chown postgres: "$DATA"
        chmod 700 "$DATA"
        as_pg "$BIN/initdb" -D "$DATA" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=scram-sha-256 >"$DATA.initdb.log" 2>&1 ||
            { cat "$DATA.initdb.log" >&2; die "initdb failed"; }
        rm -f "$DATA.initdb.log"
        echo "include_if_exists = 'pbgdpl.conf'" >>"$DATA/postgresql.conf"
    fi
    # Rewritten each start so PG_PORT changes apply.
    cat >"$DATA/pbgdpl.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DATA'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
shared_buffers = 128MB
log_min_messages = warning
EOF
    [ "$(id -u)" -eq 0 ] && chown postgres: "$DATA/pbgdpl.conf"
    return 0
}

ensure_role_and_db() {
    # Idempotent: role with CREATEDB (Django creates test_<name>) and its database.
    psql_admin <<EOF
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASS';
  ELSE
    ALTER ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASS';
  END IF;
END
\$\$;
SELECT 'CREATE DATABASE $DB_NAME OWNER $DB_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME')
\gexec
EOF
}

wait_ready() {
    local deadline=$((SECONDS + TIMEOUT))
    until as_pg "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -d postgres; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            tail -n 40 "$LOG" >&2 || true
            die "PostgreSQL not accepting connections on 127.0.0.1:$PORT after ${TIMEOUT}s"
        fi
        sleep 0.5
    done
}

cmd_start() {
    ensure_server
    if is_running; then
        log "already running ($DATA, port $PORT)"
    else
        # Refuse to fight another server for the port.
        if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" 2>/dev/null; then
            die "another server already listens on 127.0.0.1:$PORT; set PG_PORT"
        fi
        init_cluster
        log "starting $("$BIN/postgres" --version) on 127.0.0.1:$PORT"
        # pg_ctl -w returns once the server accepts connections (or failed).
        if ! pg_ctl_ -l "$LOG" -w -t "$TIMEOUT" start >/dev/null; then
            echo "---- tail of $LOG ----" >&2
            tail -n 40 "$LOG" >&2 || true
            die "pg_ctl start failed"
        fi
    fi
    wait_ready
    ensure_role_and_db
    log "ready"
    echo "DATABASE_URL=$DATABASE_URL"
}

cmd_stop() {
    ensure_server
    if ! is_running; then
        log "not running"
        return 0
    fi
    pg_ctl_ -m fast -w -t 60 stop >/dev/null
    log "stopped"
}

cmd_status() {
    if ! BIN="$(find_bindir)"; then
        log "PostgreSQL server not installed"
        return 1
    fi
    if is_running && as_pg "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -d postgres; then
        log "running ($DATA, port $PORT): $(pg_ctl_ status | head -n 1)"
        echo "DATABASE_URL=$DATABASE_URL"
        return 0
    fi
    log "not running on 127.0.0.1:$PORT ($DATA)"
    return 1
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
