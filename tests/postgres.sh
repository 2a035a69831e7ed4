#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback for the tests (data in a temp dir, trust auth, user "app").
#
#   tests/postgres.sh start   # prints the URL on stdout, e.g. postgres://app@127.0.0.1:55432/postgres
#   tests/postgres.sh stop    # stops it and deletes its data
#   tests/postgres.sh status  # prints the URL and exits 0 when running, exits 1 otherwise
#
#   TEST_DATABASE_URL=$(tests/postgres.sh start) npm run test:integration
#
# Finds initdb/pg_ctl on PATH or in /usr/lib/postgresql/<version>/bin (newest version first). As root
# the server runs as the "postgres" user (initdb refuses root); otherwise as you.
# Settings: PG_TEST_PORT (default 55432), PG_TEST_STATE (file remembering the data dir).
set -euo pipefail

PORT="${PG_TEST_PORT:-55432}"
STATE="${PG_TEST_STATE:-${TMPDIR:-/tmp}/kyodo-portal-test-postgres-$PORT}"
URL="postgres://app@127.0.0.1:$PORT/postgres"

log() { echo "postgres.sh: $*" >&2; }

find_bin() { # find_bin initdb → path of the program, or nothing
  local name="$1" candidate
  if candidate="$(command -v "$name" 2>/dev/null)"; then
    echo "$candidate"
    return
  fi
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -Vr); do
    if [[ -x "$candidate/$name" ]]; then
      echo "$candidate/$name"
      return
    fi
  done
}

as_server_user() { # runs a command as the user the server runs as
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

running_dir() { # the data dir of a server started by this script that is still running
  [[ -f "$STATE" ]] || return 1
  local dir
  dir="$(cat "$STATE")"
  [[ -d "$dir/data" ]] || return 1
  as_server_user "$PG_CTL" -D "$dir/data" status >/dev/null 2>&1 || return 1
  echo "$dir"
}

INITDB="$(find_bin initdb)"
PG_CTL=""
if [[ -n "$INITDB" ]]; then
  # pg_ctl of the same installation as initdb (both may be symlinks into /usr/lib/postgresql/N/bin).
  PG_CTL="$(dirname "$(readlink -f "$INITDB")")/pg_ctl"
  [[ -x "$PG_CTL" ]] || PG_CTL="$(find_bin pg_ctl)"
fi
if [[ -z "$INITDB" || -z "$PG_CTL" ]]; then
  log "initdb/pg_ctl not found (looked on PATH and in /usr/lib/postgresql/*/bin). Install PostgreSQL, e.g. apt-get install -y postgresql"
  exit 1
fi

case "${1:-}" in
  start)
    if dir="$(running_dir)"; then
      log "already running (data in $dir)"
      echo "$URL"
      exit 0
    fi
    if [[ "$(id -u)" == 0 ]] && ! id postgres >/dev/null 2>&1; then
      log "creating the system user postgres (initdb refuses to run as root)"
      useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
    fi
    dir="$(mktemp -d "${TMPDIR:-/tmp}/kyodo-pg.XXXXXX")"
    if [[ "$(id -u)" == 0 ]]; then chown postgres:postgres "$dir"; fi
    as_server_user "$INITDB" -D "$dir/data" -U app --auth=trust -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      rm -rf "$dir"
      exit 1
    }
    if ! as_server_user "$PG_CTL" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $dir" start >/dev/null; then
      log "server did not start (is port $PORT taken?); its log:"
      cat "$dir/server.log" >&2 || true
      rm -rf "$dir"
      exit 1
    fi
    echo "$dir" >"$STATE"
    log "started $("$PG_CTL" --version) on 127.0.0.1:$PORT (data in $dir)"
    echo "$URL"
    ;;
  stop)
    if [[ ! -f "$STATE" ]]; then
      log "not running (no $STATE)"
      exit 0
    fi
    dir="$(cat "$STATE")"
    if [[ -d "$dir/data" ]]; then
      as_server_user "$PG_CTL" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || log "pg_ctl stop failed (already stopped?)"
    fi
    # Only ever delete a directory this script made.
    case "$dir" in
      */kyodo-pg.*) rm -rf "$dir" ;;
    esac
    rm -f "$STATE"
    log "stopped"
    ;;
  status)
    if dir="$(running_dir)"; then
      echo "$URL"
    else
      exit 1
    fi
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
