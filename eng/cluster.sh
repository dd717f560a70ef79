#!/usr/bin/env bash
# CollabApp in scaled mode on this machine: for people trying it out and for benchmarks.
#
# Usage: bash eng/cluster.sh up|down|status|clean
#   up      install what is missing, start PostgreSQL + Redis, publish the app, start 3 instances and nginx
#   down    stop nginx, the instances, PostgreSQL and Redis (the database is kept for the next `up`)
#   status  what runs (exit 0 only when everything is up)
#   clean   down, then delete .run/cluster (database, keys, logs, publish output)
#
# Fixed ports (all on 127.0.0.1):
#   8080         nginx, the entry point: http://127.0.0.1:8080/ (cookie-sticky, eng/nginx/nginx.conf.template)
#   5001-5003    instances a, b, c (Collab__InstanceId), published to .run/cluster/app and run from there
#   55432        PostgreSQL 15 (user postgres, trust auth, database `collab`; data in .run/cluster/pg)
#   6380         Redis (no persistence)
# Files: .run/cluster/{app,logs/<id>.log,pids/<id>.pid,data/<id>,signing-key,nginx/}.
# The bearer-token signing key is generated once into .run/cluster/signing-key and shared by all instances.
# `up` waits for GET <instance>/healthz == 200 on each instance (COLLAB_HEALTH_PATH overrides the path),
# starting instance a first so that it applies the EF migrations alone, then b and c.
# `up` when everything already runs says so; after a partial failure, run `down` then `up`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=eng/services.sh
source "$ROOT/eng/services.sh"

RUN="$ROOT/.run/cluster"
PG_PORT=55432
REDIS_PORT=6380
LB_PORT=8080
IDS=(a b c)
declare -A PORT_OF=([a]=5001 [b]=5002 [c]=5003)
HEALTH_PATH="${COLLAB_HEALTH_PATH:-/healthz}"
START_TIMEOUT="${COLLAB_START_TIMEOUT:-90}" # seconds for one instance to become healthy
PG_CONN="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=collab"
REDIS_CONN="127.0.0.1:$REDIS_PORT"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

say() { printf '==> %s\n' "$*"; }
die() { printf 'cluster: %s\n' "$*" >&2; exit 1; }

# PostgreSQL's data lives in .run/cluster/pg when the postgres OS user can reach it (it runs as that user
# when we are root), else in a folder under /tmp whose path is remembered in .run/cluster/pg.path.
pg_dir() {
    if [[ -f "$RUN/pg.path" ]]; then
        cat "$RUN/pg.path"
        return
    fi
    mkdir -p "$RUN"
    local dir="$RUN/pg"
    svc_pg_ensure_user
    if ! svc_as_pg test -x "$RUN"; then
        dir="$(mktemp -d -t collab-cluster-pg.XXXXXX)"
    fi
    echo "$dir" >"$RUN/pg.path"
    echo "$dir"
}

http_ok() { curl -fsS -o /dev/null --max-time 3 "$1" 2>/dev/null; }

instance_pid() {
    local f="$RUN/pids/$1.pid" pid
    [[ -f "$f" ]] || return 1
    pid="$(cat "$f")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && grep -q CollabApp.dll "/proc/$pid/cmdline" 2>/dev/null || return 1
    echo "$pid"
}

nginx_pid() {
    local pid
    [[ -f "$RUN/nginx/nginx.pid" ]] || return 1
    pid="$(cat "$RUN/nginx/nginx.pid")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
    echo "$pid"
}

redis_up() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }
pg_up() { [[ -x "$SVC_PG_BIN/pg_isready" ]] && "$SVC_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }

# Prints one line per component; returns 0 when all are up.
cmd_status() {
    local all=0 id pid
    if pg_up; then echo "postgres  up    127.0.0.1:$PG_PORT  (data $(cat "$RUN/pg.path" 2>/dev/null || echo '?'))"; else echo "postgres  down"; all=1; fi
    if redis_up; then echo "redis     up    127.0.0.1:$REDIS_PORT"; else echo "redis     down"; all=1; fi
    for id in "${IDS[@]}"; do
        if pid="$(instance_pid "$id")"; then
            if http_ok "http://127.0.0.1:${PORT_OF[$id]}$HEALTH_PATH"; then
                echo "app $id     up    http://127.0.0.1:${PORT_OF[$id]}  (pid $pid)"
            else
                echo "app $id     unhealthy  http://127.0.0.1:${PORT_OF[$id]}  (pid $pid, log .run/cluster/logs/$id.log)"
                all=1
            fi
        else
            echo "app $id     down"
            all=1
        fi
    done
    if pid="$(nginx_pid)"; then echo "nginx     up    http://127.0.0.1:$LB_PORT/  (pid $pid)"; else echo "nginx     down"; all=1; fi
    return "$all"
}

require_free() { # PORT WHAT
    if svc_port_in_use "$1"; then die "port $1 ($2) is taken by another process"; fi
}

start_instance() { # ID
    local id="$1" port="${PORT_OF[$1]}"
    mkdir -p "$RUN/data/$id" "$RUN/logs" "$RUN/pids"
    {
        echo "---- start $(date -Is) ----"
    } >>"$RUN/logs/$id.log"
    # setsid: its own session, so a Ctrl-C in the terminal that ran `up` does not reach it later.
    (
        cd "$RUN/app"
        exec env \
            ASPNETCORE_URLS="http://127.0.0.1:$port" \
            ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}" \
            Collab__InstanceId="$id" \
            Collab__DataPath="$RUN/data/$id" \
            Collab__Auth__SigningKey="$(cat "$RUN/signing-key")" \
            ConnectionStrings__Postgres="$PG_CONN" \
            ConnectionStrings__Redis="$REDIS_CONN" \
            setsid dotnet CollabApp.dll >>"$RUN/logs/$id.log" 2>&1 </dev/null
    ) &
    echo $! >"$RUN/pids/$id.pid"
}

wait_healthy() { # ID
    local id="$1" url="http://127.0.0.1:${PORT_OF[$1]}$HEALTH_PATH" i pid
    pid="$(cat "$RUN/pids/$id.pid")"
    for ((i = 0; i < START_TIMEOUT * 4; i++)); do
        http_ok "$url" && return 0
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 25 "$RUN/logs/$id.log" >&2
            die "instance $id exited during start-up (log .run/cluster/logs/$id.log)"
        fi
        sleep 0.25
    done
    tail -n 25 "$RUN/logs/$id.log" >&2
    die "instance $id: $url not 200 after ${START_TIMEOUT}s (log .run/cluster/logs/$id.log)"
}

start_nginx() {
    local dir="$RUN/nginx" upstreams="" id
    for id in "${IDS[@]}"; do upstreams+="server 127.0.0.1:${PORT_OF[$id]}; "; done
    mkdir -p "$dir"
    sed -e "s|__LISTEN__|$LB_PORT|g" \
        -e "s|__UPSTREAMS__|$upstreams|g" \
        -e "s|__PREFIX__|$dir|g" \
        "$ROOT/eng/nginx/nginx.conf.template" >"$dir/nginx.conf"
    local nginx
    nginx="$(svc_nginx_bin)"
    "$nginx" -t -q -p "$dir/" -e "$dir/error.log" -c "$dir/nginx.conf" || die "nginx rejected $dir/nginx.conf"
    "$nginx" -p "$dir/" -e "$dir/error.log" -c "$dir/nginx.conf"
    local i
    for ((i = 0; i < 40; i++)); do
        http_ok "http://127.0.0.1:$LB_PORT$HEALTH_PATH" && return 0
        sleep 0.25
    done
    die "nginx on $LB_PORT does not answer $HEALTH_PATH (log .run/cluster/nginx/error.log)"
}

cmd_up() {
    if cmd_status >/dev/null 2>&1; then
        say "cluster is already up"
        cmd_status
        return 0
    fi
    local id any_instance=0
    for id in "${IDS[@]}"; do instance_pid "$id" >/dev/null && any_instance=1; done

    svc_install redis nginx postgres python
    pg_up || require_free "$PG_PORT" PostgreSQL
    redis_up || require_free "$REDIS_PORT" Redis
    for id in "${IDS[@]}"; do instance_pid "$id" >/dev/null || require_free "${PORT_OF[$id]}" "instance $id"; done
    nginx_pid >/dev/null || require_free "$LB_PORT" nginx
    mkdir -p "$RUN/logs" "$RUN/pids"

    local pgdir
    pgdir="$(pg_dir)"
    if ! pg_up; then
        say "PostgreSQL 15 on 127.0.0.1:$PG_PORT ($pgdir)"
        svc_pg_start "$pgdir" "$PG_PORT"
    fi
    if [[ -z "$("$SVC_PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'collab'")" ]]; then
        "$SVC_PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres collab
    fi
    if ! redis_up; then
        say "Redis on 127.0.0.1:$REDIS_PORT"
        svc_redis_start "$RUN/redis" "$REDIS_PORT" durable
    fi

    if [[ ! -s "$RUN/signing-key" ]]; then
        (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$RUN/signing-key")
    fi

    if [[ $any_instance -eq 0 ]]; then
        say "dotnet publish CollabApp -c Release -o .run/cluster/app"
        if ! dotnet publish CollabApp -c Release -o "$RUN/app" -nologo -v:minimal >"$RUN/logs/publish.log" 2>&1; then
            grep -E ': error ' "$RUN/logs/publish.log" | sort -u | head -n 30 >&2 || tail -n 30 "$RUN/logs/publish.log" >&2
            die "publish failed (log .run/cluster/logs/publish.log)"
        fi
    else
        say "instances already running: not republishing"
    fi

    # a alone first: it applies the migrations; then b and c together.
    local first=1
    for id in "${IDS[@]}"; do
        if instance_pid "$id" >/dev/null; then continue; fi
        say "instance $id on 127.0.0.1:${PORT_OF[$id]}"
        start_instance "$id"
        if [[ $first -eq 1 ]]; then
            wait_healthy "$id"
            first=0
        fi
    done
    for id in "${IDS[@]}"; do wait_healthy "$id"; done

    if ! nginx_pid >/dev/null; then
        say "nginx on 127.0.0.1:$LB_PORT"
        start_nginx
    fi
    echo
    cmd_status
    echo
    say "up: http://127.0.0.1:$LB_PORT/   (stop with: bash eng/cluster.sh down)"
}

cmd_down() {
    local pid id i
    if pid="$(nginx_pid)"; then
        say "stopping nginx"
        "$(svc_nginx_bin)" -p "$RUN/nginx/" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" -s stop 2>/dev/null || kill "$pid" 2>/dev/null || true
        for ((i = 0; i < 40; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    local pids=()
    for id in "${IDS[@]}"; do
        if pid="$(instance_pid "$id")"; then
            say "stopping instance $id (pid $pid)"
            kill -TERM "$pid" 2>/dev/null || true
            pids+=("$pid")
        fi
        rm -f "$RUN/pids/$id.pid"
    done
    for pid in "${pids[@]}"; do
        for ((i = 0; i < 60; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -9 "$pid" 2>/dev/null || true
    done
    if [[ -f "$RUN/pg.path" ]] && pg_up; then
        say "stopping PostgreSQL"
        svc_pg_stop "$(cat "$RUN/pg.path")"
    fi
    if redis_up; then
        say "stopping Redis"
        svc_redis_stop "$RUN/redis" "$REDIS_PORT"
    fi
    say "down"
}

cmd_clean() {
    cmd_down
    if [[ -f "$RUN/pg.path" ]]; then
        local d
        d="$(cat "$RUN/pg.path")"
        [[ "$d" == "$RUN/pg" ]] || rm -rf "$d"
    fi
    rm -rf "$RUN"
    say "removed .run/cluster"
}

case "${1:-}" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    clean) cmd_clean ;;
    *)
        sed -n '2,21p' "$0" >&2
        exit 2
        ;;
esac
