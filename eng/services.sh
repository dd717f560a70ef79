#!/usr/bin/env bash
# Throwaway PostgreSQL 15 and Redis for tests and for the local cluster.
#
# Two ways to use it:
#   source eng/services.sh            # library: svc_* functions (used by eng/test.sh, eng/cluster.sh)
#   bash eng/services.sh install      # install missing Debian packages (redis-server nginx chromium postgresql-15)
#   bash eng/services.sh start        # start both on free loopback ports in a temp dir; prints `export ...` lines
#   bash eng/services.sh stop DIR     # stop what `start` started in DIR (the COLLAB_SERVICES_DIR it printed)
#
# Library functions (all return non-zero with a message on stderr on failure):
#   svc_install [redis] [nginx] [chromium] [postgres] [python] apt-get install only what is missing (update once)
#   svc_free_port                                       print a free TCP port on 127.0.0.1
#   svc_port_in_use PORT                                true if something listens on 127.0.0.1:PORT
#   svc_pg_start DIR PORT                               initdb (if DIR/data is new) + pg_ctl start, wait for pg_isready
#   svc_pg_stop DIR                                     pg_ctl stop -m fast (no-op if not running)
#   svc_redis_start DIR PORT [durable]                  redis-server (durable: AOF), noeviction, wait for PING
#   svc_redis_stop DIR PORT                             SHUTDOWN NOSAVE, falls back to killing the pid
#   svc_start_all DIR                                   both on free ports; sets SVC_PG_PORT, SVC_REDIS_PORT
#   svc_stop_all DIR                                    stop both and remove DIR
# PostgreSQL refuses to run as root: as root, initdb/pg_ctl/postgres run as the OS user `postgres`
# (created if missing); as another user they run as that user. Trust auth, superuser `postgres`.
set -euo pipefail

SVC_PG_BIN="${SVC_PG_BIN:-/usr/lib/postgresql/15/bin}"
SVC_TIMEOUT="${SVC_TIMEOUT:-30}" # seconds to wait for a server to answer

svc_log() { printf '[services] %s\n' "$*" >&2; }

svc_redis_server_bin() { command -v redis-server || echo /usr/bin/redis-server; }
svc_nginx_bin() { command -v nginx || echo /usr/sbin/nginx; }

# Run a command as root: directly if we are root, else through sudo.
svc_as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        svc_log "need root for: $*"
        return 1
    fi
}

# Install the missing ones of: redis nginx chromium postgres python (default: all).
svc_install() {
    local want=("$@") pkgs=() w
    [[ ${#want[@]} -gt 0 ]] || want=(redis nginx chromium postgres python)
    for w in "${want[@]}"; do
        case "$w" in
            redis) if [[ ! -x "$(svc_redis_server_bin)" ]] || ! command -v redis-cli >/dev/null; then pkgs+=(redis-server); fi ;;
            nginx) [[ -x "$(svc_nginx_bin)" ]] || pkgs+=(nginx) ;;
            chromium) [[ -x /usr/bin/chromium ]] || pkgs+=(chromium) ;;
            postgres) [[ -x "$SVC_PG_BIN/initdb" && -x "$SVC_PG_BIN/pg_isready" ]] || pkgs+=(postgresql-15) ;;
            python) command -v python3 >/dev/null || pkgs+=(python3) ;;
            *) svc_log "svc_install: unknown component $w"; return 1 ;;
        esac
    done
    [[ ${#pkgs[@]} -gt 0 ]] || return 0
    svc_log "installing ${pkgs[*]} (apt-get)"
    local log
    log="$(mktemp)"
    if ! { svc_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q \
        && svc_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${pkgs[@]}"; } >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        rm -f "$log"
        svc_log "apt-get failed"
        return 1
    fi
    rm -f "$log"
}

svc_port_in_use() {
    # bash's /dev/tcp: a successful connect means something listens.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

svc_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Runs a command as the PostgreSQL OS user.
svc_as_pg() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

svc_pg_ensure_user() {
    [[ $EUID -eq 0 ]] || return 0
    id -u postgres >/dev/null 2>&1 && return 0
    svc_log "creating OS user postgres"
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
}

# svc_pg_start DIR PORT: DIR/data is the cluster, DIR is also the socket folder, DIR/pg.log the log.
svc_pg_start() {
    local dir="$1" port="$2"
    svc_pg_ensure_user
    mkdir -p "$dir"
    chmod 755 "$dir"
    [[ $EUID -ne 0 ]] || chown postgres: "$dir"
    if ! svc_as_pg test -w "$dir"; then
        svc_log "PostgreSQL user cannot write $dir (is a parent folder not traversable?)"
        return 1
    fi
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        if ! svc_as_pg "$SVC_PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
            tail -n 20 "$dir/initdb.log" >&2
            svc_log "initdb failed"
            return 1
        fi
    fi
    if ! svc_as_pg "$SVC_PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w -t "$SVC_TIMEOUT" start \
        -o "-k $dir -c listen_addresses=127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null; then
        tail -n 20 "$dir/pg.log" >&2 || true
        svc_log "PostgreSQL did not start on port $port"
        return 1
    fi
    local i
    for ((i = 0; i < SVC_TIMEOUT * 10; i++)); do
        "$SVC_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres && return 0
        sleep 0.1
    done
    svc_log "PostgreSQL on port $port did not answer within ${SVC_TIMEOUT}s"
    return 1
}

svc_pg_running() { [[ -f "$1/data/postmaster.pid" ]] && svc_as_pg "$SVC_PG_BIN/pg_ctl" -D "$1/data" status >/dev/null 2>&1; }

svc_pg_stop() {
    local dir="$1"
    [[ -d "$dir/data" ]] || return 0
    svc_pg_running "$dir" || return 0
    svc_as_pg "$SVC_PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t "$SVC_TIMEOUT" stop >/dev/null 2>&1 && return 0
    svc_log "pg_ctl stop failed; killing the postmaster"
    local pid
    pid="$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)"
    [[ -z "$pid" ]] || kill -9 "$pid" 2>/dev/null || true
}

# svc_redis_start DIR PORT [durable]: DIR holds redis.pid and redis.log. Without "durable" nothing is persisted (tests);
# with it, an append-only file in DIR (fsync every second) keeps the room streams' order and idempotency state across a
# restart, and noeviction makes a full Redis refuse writes instead of silently dropping keys (the deployment's setting).
svc_redis_start() {
    local dir="$1" port="$2" mode="${3:-}"
    local persistence=(--save '' --appendonly no)
    [[ "$mode" == durable ]] && persistence=(--save '' --appendonly yes --appendfsync everysec)
    mkdir -p "$dir"
    "$(svc_redis_server_bin)" --port "$port" --bind 127.0.0.1 "${persistence[@]}" --maxmemory-policy noeviction \
        --daemonize yes --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
    local i
    for ((i = 0; i < SVC_TIMEOUT * 10; i++)); do
        [[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" == PONG ]] && return 0
        sleep 0.1
    done
    tail -n 20 "$dir/redis.log" >&2 || true
    svc_log "Redis on port $port did not answer within ${SVC_TIMEOUT}s"
    return 1
}

svc_redis_stop() {
    local dir="$1" port="$2" pid=""
    [[ -f "$dir/redis.pid" ]] && pid="$(cat "$dir/redis.pid" 2>/dev/null || true)"
    redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || true
    if [[ -n "$pid" ]]; then
        local i
        for ((i = 0; i < 50; i++)); do
            kill -0 "$pid" 2>/dev/null || return 0
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null || true
    fi
    return 0
}

# svc_start_all DIR: PostgreSQL in DIR/pg and Redis in DIR/redis, each on a free port.
# Sets SVC_PG_PORT and SVC_REDIS_PORT and writes them to DIR/ports.
svc_start_all() {
    local dir="$1"
    mkdir -p "$dir"
    chmod 755 "$dir"
    SVC_PG_PORT="$(svc_free_port)"
    SVC_REDIS_PORT="$(svc_free_port)"
    while [[ "$SVC_REDIS_PORT" == "$SVC_PG_PORT" ]]; do SVC_REDIS_PORT="$(svc_free_port)"; done
    printf 'SVC_PG_PORT=%s\nSVC_REDIS_PORT=%s\n' "$SVC_PG_PORT" "$SVC_REDIS_PORT" >"$dir/ports"
    svc_pg_start "$dir/pg" "$SVC_PG_PORT"
    svc_redis_start "$dir/redis" "$SVC_REDIS_PORT"
    export SVC_PG_PORT SVC_REDIS_PORT
}

# svc_stop_all DIR: stops whatever svc_start_all started there, then removes DIR. Never fails.
svc_stop_all() {
    local dir="$1" SVC_PG_PORT="" SVC_REDIS_PORT=""
    [[ -n "$dir" && -d "$dir" ]] || return 0
    # shellcheck disable=SC1091
    [[ -f "$dir/ports" ]] && source "$dir/ports"
    svc_pg_stop "$dir/pg" || true
    [[ -z "$SVC_REDIS_PORT" ]] || svc_redis_stop "$dir/redis" "$SVC_REDIS_PORT" || true
    rm -rf "$dir" || true
    return 0
}

# Subcommands when executed rather than sourced.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    case "${1:-}" in
        install)
            shift
            svc_install "$@"
            ;;
        start)
            svc_install redis postgres
            dir="$(mktemp -d -t collab-services.XXXXXX)"
            if ! svc_start_all "$dir"; then
                svc_stop_all "$dir"
                exit 1
            fi
            echo "export COLLAB_SERVICES_DIR=$dir"
            echo "export COLLAB_TEST_POSTGRES='Host=127.0.0.1;Port=$SVC_PG_PORT;Username=postgres;Database=postgres'"
            echo "export COLLAB_TEST_REDIS=127.0.0.1:$SVC_REDIS_PORT"
            echo "# stop with: bash eng/services.sh stop $dir"
            ;;
        stop)
            [[ -n "${2:-}" ]] || { echo "usage: $0 stop DIR" >&2; exit 2; }
            svc_stop_all "$2"
            ;;
        *)
            sed -n '2,25p' "$0" >&2
            exit 2
            ;;
    esac
fi
