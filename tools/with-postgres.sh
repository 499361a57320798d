#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server for the store tests (SPEC.md 10, README "PostgreSQL store"):
#   tools/with-postgres.sh dotnet test FairnessGovernor.PowerShell.sln -c Release
# - installs Debian's postgresql with apt-get when no server binaries are found (root only);
# - initdb as the postgres user (initdb refuses root) in a temporary folder, password authentication on TCP;
# - starts it on 127.0.0.1 on a free port with fsync off (commits still write their WAL before they return, so
#   the tests' immediate stop, a crash of the server alone, loses no committed run), and exports to the command:
#     FAIRNESS_GOVERNOR_TEST_PG       the connection string (with the generated password)
#     FAIRNESS_GOVERNOR_TEST_PG_CTL   a script the tests use to stop (`stop`) and start (`start`) this server
# - stops the server and removes the folder when the command ends, however it ends.
# With FAIRNESS_GOVERNOR_TEST_PG already set (your own server), it only runs the command.
# When no server can be started it still runs the command, without the variables: the PostgreSQL tests then fail
# under CI=true and are skipped otherwise. The exit code is the command's.
set -uo pipefail

if [ -n "${FAIRNESS_GOVERNOR_TEST_PG:-}" ]; then
  exec "$@"
fi

log() { echo "with-postgres: $*" >&2; }

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 1
}

start_server() {
  local bin
  if ! bin=$(find_bin); then
    if [ "$(id -u)" != "0" ]; then log "no PostgreSQL server binaries and not root: cannot install postgresql"; return 1; fi
    log "installing postgresql with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q postgresql >/dev/null 2>&1; then
      apt-get update -q >/dev/null 2>&1 && apt-get install -y -q postgresql >/dev/null 2>&1 || { log "apt-get install postgresql failed"; return 1; }
    fi
    bin=$(find_bin) || { log "postgresql installed but no initdb found"; return 1; }
  fi

  PG_DIR=$(mktemp -d /tmp/fg-postgres.XXXXXX)
  chmod 755 "$PG_DIR"
  local as=()
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$PG_DIR" --shell /usr/sbin/nologin postgres || { log "cannot create the postgres user"; return 1; }
    chown postgres "$PG_DIR"
    as=(runuser -u postgres --)
  fi
  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
  printf '%s\n' "$password" > "$PG_DIR/pwfile"
  [ "$(id -u)" = "0" ] && chown postgres "$PG_DIR/pwfile"
  if ! "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/pwfile" --auth-local=scram-sha-256 --auth-host=scram-sha-256 \
       -E UTF8 --locale=C --no-sync >"$PG_DIR/initdb.log" 2>&1; then
    log "initdb failed:"; cat "$PG_DIR/initdb.log" >&2; return 1
  fi
  rm -f "$PG_DIR/pwfile"

  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null) \
    || port=$(( 20000 + RANDOM % 20000 ))
  cat > "$PG_DIR/pgctl" <<CTL
#!/usr/bin/env bash
# stop: immediate shutdown (as a crash would); start: start again on the same port.
case "\$1" in
  stop) exec ${as[*]} "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop ;;
  start) exec ${as[*]} "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
      -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=100" start ;;
  *) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
CTL
  chmod 755 "$PG_DIR/pgctl"
  if ! "$PG_DIR/pgctl" start >/dev/null 2>&1; then
    log "the server did not start:"; cat "$PG_DIR/server.log" >&2 2>/dev/null; return 1
  fi
  export FAIRNESS_GOVERNOR_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres"
  export FAIRNESS_GOVERNOR_TEST_PG_CTL="$PG_DIR/pgctl"
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $PG_DIR)"
  return 0
}

stop_server() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
    if [ -f "$PG_DIR/data/postmaster.pid" ]; then "$PG_DIR/pgctl" stop >/dev/null 2>&1; fi
    rm -rf "$PG_DIR"
  fi
}

PG_DIR=""
trap stop_server EXIT
trap 'exit 130' INT TERM
start_server || log "no PostgreSQL server: the store tests will fail under CI=true, and be skipped otherwise"
"$@"
exit $?
