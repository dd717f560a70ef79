#!/usr/bin/env bash
# Throwaway PostgreSQL 15, Redis and a Redis Cluster for tests and for the local cluster.
#
# Two ways to use it:
#   source eng/services.sh            # library: svc_* functions (used by eng/test.sh, eng/cluster.sh)
#   bash eng/services.sh install      # install missing Debian packages (redis-server nginx chromium postgresql-15)
#   bash eng/services.sh start        # start all three on free loopback ports in a temp dir; prints `export ...` lines
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
#   svc_redis_cluster_start DIR                         Redis Cluster: 3 primaries + 3 replicas on free ports, wait for
#                                                       cluster_state:ok; sets SVC_REDIS_CLUSTER (comma-separated endpoints)
#   svc_redis_cluster_stop DIR                          stop every node that svc_redis_cluster_start started in DIR
#   svc_start_all DIR                                   all three on free ports; sets SVC_PG_PORT, SVC_REDIS_PORT,
#                                                       SVC_REDIS_CLUSTER
#   svc_stop_all DIR                                    stop all three and remove DIR
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

# svc_redis_cluster_start DIR: six cluster-enabled redis-server processes in DIR/node-PORT, joined by
# `redis-cli --cluster create --cluster-replicas 1` into 3 primaries with one replica each. Each node's bus port is
# chosen free too (`--cluster-port`), since the default port + 10000 may be taken or past 65535. A primary that stops
# answering is failed over to its replica after cluster-node-timeout (1.5 s, low for the failover tests), and the other
# shards keep serving meanwhile (cluster-require-full-coverage no). No persistence, like the single test Redis.
# Sets SVC_REDIS_CLUSTER (host:port,host:port,...) and writes the ports to DIR/cluster-ports.
svc_redis_cluster_start() {
    local dir="$1" ports=() port bus i endpoints=() used=" "
    mkdir -p "$dir"
    for ((i = 0; i < 6; i++)); do
        port="$(svc_free_port)"
        bus="$(svc_free_port)"
        while [[ "$used" == *" $port "* || "$used" == *" $bus "* || "$port" == "$bus" ]]; do
            port="$(svc_free_port)"
            bus="$(svc_free_port)"
        done
        used+="$port $bus "
        mkdir -p "$dir/node-$port"
        "$(svc_redis_server_bin)" --port "$port" --bind 127.0.0.1 --cluster-enabled yes --cluster-port "$bus" \
            --cluster-config-file "$dir/node-$port/nodes.conf" --cluster-node-timeout 1500 --cluster-require-full-coverage no \
            --save '' --appendonly no --maxmemory-policy noeviction \
            --daemonize yes --dir "$dir/node-$port" --pidfile "$dir/node-$port/redis.pid" --logfile "$dir/node-$port/redis.log" >/dev/null
        ports+=("$port")
        endpoints+=("127.0.0.1:$port")
    done
    printf '%s\n' "${ports[@]}" >"$dir/cluster-ports"
    for port in "${ports[@]}"; do
        for ((i = 0; i < SVC_TIMEOUT * 10; i++)); do
            [[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" == PONG ]] && break
            sleep 0.1
        done
    done
    if ! redis-cli --cluster create "${endpoints[@]}" --cluster-replicas 1 --cluster-yes >"$dir/create.log" 2>&1; then
        tail -n 20 "$dir/create.log" >&2
        svc_log "redis-cli --cluster create failed"
        return 1
    fi
    # Every node must agree before a test starts: a node still gossiping the slot map answers CLUSTERDOWN.
    for ((i = 0; i < SVC_TIMEOUT * 10; i++)); do
        local ok=0
        for port in "${ports[@]}"; do
            redis-cli -h 127.0.0.1 -p "$port" cluster info 2>/dev/null | grep -q '^cluster_state:ok' && ok=$((ok + 1))
        done
        # ...and every replica must have its primary's data set: a failover test that kills a primary before its
        # replica finished the first sync would find nothing to promote.
        for port in "${ports[@]}"; do
            redis-cli -h 127.0.0.1 -p "$port" info replication 2>/dev/null | grep -q '^role:slave' || continue
            redis-cli -h 127.0.0.1 -p "$port" info replication 2>/dev/null | grep -q '^master_link_status:up' || ok=0
        done
        if [[ $ok -eq ${#ports[@]} ]]; then
            SVC_REDIS_CLUSTER="$(IFS=,; echo "${endpoints[*]}")"
            export SVC_REDIS_CLUSTER
            return 0
        fi
        sleep 0.1
    done
    svc_log "Redis Cluster did not reach cluster_state:ok within ${SVC_TIMEOUT}s"
    return 1
}

svc_redis_cluster_stop() {
    local dir="$1" port
    [[ -f "$dir/cluster-ports" ]] || return 0
    while IFS= read -r port; do
        svc_redis_stop "$dir/node-$port" "$port" || true
    done <"$dir/cluster-ports"
    return 0
}

# svc_start_all DIR: PostgreSQL in DIR/pg, Redis in DIR/redis and a Redis Cluster in DIR/redis-cluster, on free ports.
# Sets SVC_PG_PORT, SVC_REDIS_PORT and SVC_REDIS_CLUSTER and writes the first two to DIR/ports.
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
    svc_redis_cluster_start "$dir/redis-cluster"
}

# svc_stop_all DIR: stops whatever svc_start_all started there, then removes DIR. Never fails.
svc_stop_all() {
    local dir="$1" SVC_PG_PORT="" SVC_REDIS_PORT=""
    [[ -n "$dir" && -d "$dir" ]] || return 0
    # shellcheck disable=SC1091
    [[ -f "$dir/ports" ]] && source "$dir/ports"
    svc_pg_stop "$dir/pg" || true
    [[ -z "$SVC_REDIS_PORT" ]] || svc_redis_stop "$dir/redis" "$SVC_REDIS_PORT" || true
    svc_redis_cluster_stop "$dir/redis-cluster" || true
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
            echo "export COLLAB_TEST_REDIS_CLUSTER=$SVC_REDIS_CLUSTER"
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
