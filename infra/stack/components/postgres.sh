# shellcheck shell=bash
# PostgreSQL: a private cluster in $STACK_DIR/postgres (not Debian's system cluster),
# superuser crossdock/crossdock, one database per service of infra/services.json plus the
# infrastructure's own (infrastructureDatabases there).

# The server runs as the postgres OS user and must reach its own files. When the stack dir is not
# traversable for that user (a clone in a 0700 temp dir, a checkout under /root), the cluster lives
# in a private folder outside, linked from $STACK_DIR/postgres so the stack dir still shows it all.
pg_home_of() { if [[ -L "$STACK_DIR/postgres" ]]; then readlink -f "$STACK_DIR/postgres"; else echo "$STACK_DIR/postgres"; fi; }
set_pg_paths() {
  PG_HOME="$(pg_home_of)"
  PG_DATA="$PG_HOME/data"
  PG_SOCKET_DIR="$PG_HOME/run"
  [[ "$PG_HOME" == "$STACK_DIR/postgres" ]] || OWNED_PATHS+=("$PG_HOME/")
}
set_pg_paths
pg_relocated() { [[ "$PG_HOME" != "$STACK_DIR/postgres" ]]; }

# An existing cluster can only be run by its own major version; otherwise take the newest.
postgres_bindir() {
  local want="" d
  [[ -f "$PG_DATA/PG_VERSION" ]] && want="$(cat "$PG_DATA/PG_VERSION")"
  if [[ -n "$want" && -x "/usr/lib/postgresql/$want/bin/postgres" ]]; then
    echo "/usr/lib/postgresql/$want/bin"
    return
  fi
  for d in /usr/lib/postgresql/*/bin; do [[ -x "$d/postgres" ]] && echo "$d"; done | sort -V | tail -n 1
}

# postgres refuses to run as root, so as root everything runs as the postgres OS user.
as_pg() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_pid() { [[ -f "$PG_DATA/postmaster.pid" ]] && head -n 1 "$PG_DATA/postmaster.pid"; }
postgres_ports() { echo "$POSTGRES_PORT"; }

postgres_healthy() {
  [[ -n "$(component_pid postgres)" ]] &&
    "$(postgres_bindir)/pg_isready" -q -t 2 -h 127.0.0.1 -p "$POSTGRES_PORT"
}

postgres_prepare() {
  if [[ -z "$(postgres_bindir)" ]]; then
    apt_install postgresql || die "missing tool 'postgres' (Debian package postgresql; run as root or install it)"
    [[ -n "$(postgres_bindir)" ]] || die "missing tool 'postgres': no /usr/lib/postgresql/*/bin after installing postgresql"
  fi
  if is_root; then
    id postgres >/dev/null 2>&1 || die "missing OS user 'postgres' (comes with the postgresql package)"
    mkdir -p "$STACK_DIR"
    if ! as_pg test -d "$STACK_DIR" && [[ ! -L "$STACK_DIR/postgres" ]]; then
      [[ -e "$STACK_DIR/postgres" ]] &&
        die "the postgres OS user cannot reach $STACK_DIR/postgres (a parent folder is not traversable); move it away or set CROSSDOCK_STACK_DIR"
      local home; home="/var/lib/crossdock-stacks/$(printf '%s' "$STACK_DIR" | sha256sum | cut -c1-16)"
      # No link means a fresh (or reset) stack dir: whatever an earlier one left there is not ours to reuse.
      rm -rf "$home" && mkdir -p "$home" && chown postgres: "$home" && chmod 700 "$home"
      ln -s "$home" "$STACK_DIR/postgres"
      say "postgres: $STACK_DIR is not reachable for the postgres OS user; its cluster lives in $home (linked from $STACK_DIR/postgres)"
      set_pg_paths
    fi
    mkdir -p "$PG_HOME" "$PG_SOCKET_DIR"
    chown postgres: "$PG_HOME" "$PG_SOCKET_DIR"
    as_pg test -w "$PG_HOME" ||
      die "the postgres OS user cannot write $PG_HOME; set CROSSDOCK_STACK_DIR to a path such as /var/tmp/crossdock-stack"
  else
    mkdir -p "$PG_HOME" "$PG_SOCKET_DIR"
  fi
}

postgres_init() {
  local bin; bin="$(postgres_bindir)"
  local pwfile="$PG_HOME/.pwfile"
  say "postgres: initdb in $PG_DATA"
  printf '%s\n' "$PG_PASSWORD" >"$pwfile"
  is_root && chown postgres: "$pwfile"
  # TCP needs the password (scram); the unix socket lives in a folder only postgres can enter.
  as_pg "$bin/initdb" -D "$PG_DATA" -U "$PG_USER" --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C \
    >>"$(log_file postgres)" 2>&1 || { rm -f "$pwfile"; fail_component postgres "initdb failed"; }
  rm -f "$pwfile"
}

postgres_start() {
  local bin log; bin="$(postgres_bindir)"; log="$(log_file postgres)"
  rotate_log postgres
  if pg_relocated; then
    # The server appends to a log it can reach; the usual log path links to it.
    [[ -f "$PG_HOME/server.log" ]] && mv -f "$PG_HOME/server.log" "$PG_HOME/server.log.1"
    : >"$PG_HOME/server.log" && chown postgres: "$PG_HOME/server.log"
    ln -sfn "$PG_HOME/server.log" "$log"
    log="$PG_HOME/server.log"
  fi
  is_root && chown postgres: "$log"
  [[ -f "$PG_DATA/PG_VERSION" ]] || postgres_init
  # Settings go on the command line so a changed CROSSDOCK_POSTGRES_PORT applies on the next start.
  local opts="-c listen_addresses=127.0.0.1 -c port=$POSTGRES_PORT -c unix_socket_directories='$PG_SOCKET_DIR' -c max_connections=200"
  # shellcheck disable=SC2094 # pg_ctl appends to the log and so do we; nothing reads it here
  if is_root; then
    setsid -w runuser -u postgres -- "$bin/pg_ctl" start -s -W -D "$PG_DATA" -l "$log" -o "$opts" </dev/null
  else
    setsid -w "$bin/pg_ctl" start -s -W -D "$PG_DATA" -l "$log" -o "$opts" </dev/null
  fi >>"$log" 2>&1 9>&- || fail_component postgres "pg_ctl start failed"
  # postmaster.pid appears a moment after pg_ctl returns.
  for _ in $(seq 50); do [[ -n "$(component_pid postgres)" ]] && return 0; sleep 0.1; done
}

# SIGINT is postgres' "fast" shutdown: SIGTERM would wait for every client to disconnect.
postgres_stop_signal() { echo INT; }

pg_psql() {
  PGPASSWORD="$PG_PASSWORD" "$(postgres_bindir)/psql" -X -q -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$POSTGRES_PORT" -U "$PG_USER" -d postgres "$@"
}

# Runs on every `up` (cheap), so a service added to infra/services.json gets its database without a reset.
postgres_ready() {
  local existing db wanted
  wanted="$(database_names)"
  existing="$(pg_psql -Atc 'SELECT datname FROM pg_database')" ||
    fail_component postgres "cannot connect as $PG_USER to list databases"
  for db in $wanted; do
    grep -qx "$db" <<<"$existing" && continue
    pg_psql -c "CREATE DATABASE \"$db\"" || fail_component postgres "CREATE DATABASE $db failed"
    say "postgres: created database $db"
  done
}
