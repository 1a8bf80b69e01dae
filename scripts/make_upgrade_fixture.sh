#!/usr/bin/env bash
# Build the upgrade-test fixtures from an older commit: the databases that
# tests/upgrade/test_upgrade_from_main.py migrates with the current code.
#
# Usage: scripts/make_upgrade_fixture.sh COMMIT
#   Checks COMMIT out in a temporary detached worktree, compiles its messages, runs its own
#   `manage.py migrate` and `manage.py seed_demo` (dev settings, database search backend,
#   media in a temporary directory) against a fresh SQLite file and a fresh PostgreSQL
#   database, and writes
#     tests/upgrade/fixtures/main-<short COMMIT>.sqlite3.gz        (the VACUUMed file)
#     tests/upgrade/fixtures/main-<short COMMIT>.postgres.sql.gz   (pg_dump --no-owner --no-privileges)
#   Point FIXTURE in tests/upgrade/test_upgrade_from_main.py at the new name afterwards.
# Env:
#   PYTHON        interpreter with the requirements installed (default: .venv/bin/python)
#   PG_SERVER_URL PostgreSQL server whose role may CREATEDB
#                 (default: postgres://pbgdpl:pbgdpl@127.0.0.1:5433, as scripts/postgres.sh starts)
set -euo pipefail

COMMIT="${1:?usage: $0 COMMIT}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
case "$PYTHON" in /*) ;; */*) PYTHON="$PWD/$PYTHON" ;; *) PYTHON="$(command -v "$PYTHON")" ;; esac
PG_SERVER_URL="${PG_SERVER_URL:-postgres://pbgdpl:pbgdpl@127.0.0.1:5433}"
SHORT="$(git -C "$ROOT" rev-parse --short=7 "$COMMIT^{commit}")"
OUT="$ROOT/tests/upgrade/fixtures"
WORK="$(mktemp -d)"
TREE="$WORK/tree"
DB_NAME="pbgdpl_fixture_$SHORT"

export PGOPTIONS="--client-min-messages=warning"

log() { echo "[upgrade-fixture] $*" >&2; }
cleanup() {
    psql "$PG_SERVER_URL/postgres" -q -c "DROP DATABASE IF EXISTS $DB_NAME" >/dev/null 2>&1 || true
    git -C "$ROOT" worktree remove --force "$TREE" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

for tool in psql pg_dump gzip; do
    command -v "$tool" >/dev/null || PATH="$(printf '%s:' /usr/lib/postgresql/*/bin)$PATH"
    command -v "$tool" >/dev/null || { log "ERROR: $tool not found"; exit 1; }
done

log "checking out $SHORT in $TREE"
git -C "$ROOT" worktree add --detach "$TREE" "$COMMIT" >/dev/null 2>&1
cd "$TREE"
"$PYTHON" scripts/compile_messages.py >/dev/null

build() {
    # build DATABASE_URL: the old code's own migrations and demo data.
    env DJANGO_SETTINGS_MODULE=site_config.settings.dev SEARCH_BACKEND=database \
        MEDIA_ROOT="$WORK/media" DATABASE_URL="$1" "$PYTHON" manage.py migrate --noinput >/dev/null
    env DJANGO_SETTINGS_MODULE=site_config.settings.dev SEARCH_BACKEND=database \
        MEDIA_ROOT="$WORK/media" DATABASE_URL="$1" "$PYTHON" manage.py seed_demo >/dev/null
}

psql "$PG_SERVER_URL/postgres" -q -c "DROP DATABASE IF EXISTS $DB_NAME" -c "CREATE DATABASE $DB_NAME"
log "seeding SQLite and PostgreSQL (a few minutes)"
build "sqlite:///$WORK/main.sqlite3" &
sqlite_job=$!
build "$PG_SERVER_URL/$DB_NAME" &
postgres_job=$!
wait "$sqlite_job"
wait "$postgres_job"

mkdir -p "$OUT"
"$PYTHON" -c "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('VACUUM')" "$WORK/main.sqlite3"
gzip -9 -n -c "$WORK/main.sqlite3" >"$OUT/main-$SHORT.sqlite3.gz"
pg_dump --no-owner --no-privileges "$PG_SERVER_URL/$DB_NAME" | gzip -9 -n >"$OUT/main-$SHORT.postgres.sql.gz"
ls -l "$OUT/main-$SHORT".* >&2
