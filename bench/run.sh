#!/usr/bin/env bash
# CollabApp benchmarks (issue 7). One command each; results go to bench/results/ as JSON.
#
#   bash bench/run.sh ot [--full|--dry]  OT core, trace replay and in-process sequencer (BenchmarkDotNet).
#                                        Quick (ShortRun) by default, a couple of minutes; --full: 10 iterations.
#                                        -> results/ot/*-report-brief.json and *-report-github.md
#   bash bench/run.sh serialise          issue 13: one chat event delivered to 100 hub connections, serialised per
#                                        connection (before) vs once per instance (now), JSON and MessagePack
#                                        (BenchmarkDotNet, 10 iterations, memory diagnoser, a minute or two)
#                                        -> results/serialise/*-report-brief.json and *-report-github.md
#   bash bench/run.sh fanout             chat fan-out against the product (eng/cluster.sh, instances 5001-5003),
#                                        then against 3 baseline instances (bench/Baseline, 5101-5103) on the same
#                                        Redis, same load -> results/fanout-{product,baseline,ratio}.json
#   bash bench/run.sh slowreaders        the product's fan-out twice: without and with SLOW_READERS=8 clients that
#                                        join and never read -> results/slow-readers-{none,with,ratio}.json
#   bash bench/run.sh edit               trace replay through the hub as one OT client + 10 typists across the
#                                        instances -> results/edit-product.json
#   bash bench/run.sh capacity           capacity (issue 13): 100 clients in 20 rooms, every client sending, the rate
#                                        x1.5 every 10 s until p99 > 100 ms, a loss or a failed send; against 2 product
#                                        instances (5011-5012), 2 baseline instances (5111-5112) and 2 Socket.IO +
#                                        redis-adapter servers (bench/socketio, 5211-5212), all on the cluster's Redis;
#                                        each target twice, interleaved -> results/capacity-{target}-{1,2}.json and
#                                        results/capacity-summary.json (ratios, spread, loadavg before each run)
#   bash bench/run.sh shards             issue 14: the same fan-out (CLIENTS=36 ROOMS=12 by default) against 3 product
#                                        instances on the cluster's single Redis (5001-5003), then against 3 on a Redis
#                                        Cluster of 3 primaries + 3 replicas (5021-5023, sharded room channels, WAIT
#                                        before each acknowledgement), with each Redis process's CPU (INFO cpu) over the
#                                        run -> results/shards-{single,cluster,summary}.json
#   bash bench/run.sh footprint          server RSS per idle hub connection (0/250/500/1000) and per idle Blazor
#                                        circuit (10 warm-up tabs, then 50/100/200 headless Chromium tabs on /rooms, then
#                                        the same on a seeded room page) with the live managed heap per circuit
#                                        (dotnet-gcdump, a local tool), product and baseline
#                                        -> results/footprint-{hub,circuits,room-circuits,baseline-hub,summary}.json
#   bash bench/run.sh circuits           issue 13: only the circuits of `footprint` (/rooms, then a room page with all four
#                                        panels live: 50 messages, 10 to-dos, a 10 KB document), on this checkout's app
#                                        published to .run/bench/app with its own throwaway PostgreSQL and Redis on free
#                                        ports (no cluster needed), then the framework's own cost: a bare interactive
#                                        Blazor Server page (bench/Baseline's /circuit, no Redis, no sign-in), same
#                                        method -> results/footprint-{circuits,room-circuits,baseline-circuits}.json and
#                                        results/circuits-summary.json (each page's ratios to the bare circuit).
#                                        CIRCUIT_PAGES picks the pages (any of list room baseline); the summary marks
#                                        the others fromEarlierRun
#
# Load parameters (environment): CLIENTS=20 ROOMS=4 RATE=100 DURATION=20 WARMUP=10 (fanout, slowreaders); EDITS=5000 TYPISTS=10
# TYPING_RATE=5 TYPING_DURATION=15 TYPING_PHASES=together|spread (edit); HUB_STEPS=250,500,1000 CIRCUIT_STEPS=50,100,200 (footprint, circuits)
# CIRCUIT_PAGES="list room baseline" (circuits; footprint runs only list and room);
# CAP_CLIENTS=100 CAP_ROOMS=20 CAP_START_RATE=1 CAP_FACTOR=1.5 CAP_STEP=10 CAP_WARMUP=20 CAP_REPEATS=2 CAP_TARGETS="product baseline socketio"
# CAP_PRODUCT_PORTS="5011 5012" CAP_BASELINE_PORTS="5111 5112" CAP_SOCKETIO_PORTS="5211 5212" (capacity).
# Everything targets 127.0.0.1 only. The cluster is left running (stop it with: bash eng/cluster.sh down);
# the baseline instances, the footprint and capacity instances, the Socket.IO servers and Chromium started here
# are stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RESULTS="$ROOT/bench/results"
RUN="$ROOT/.run/bench"
CLUSTER="$ROOT/.run/cluster"
REDIS="127.0.0.1:6380"
PRODUCT_URLS="http://127.0.0.1:5001,http://127.0.0.1:5002,http://127.0.0.1:5003"
BASELINE_PORTS=(5101 5102 5103)
FOOTPRINT_PORT=5004
LOADTOOL="$ROOT/bench/CollabApp.LoadTool/bin/Release/net10.0/CollabApp.LoadTool.dll"
# What product instances run on: the cluster's published app, signing key and PostgreSQL unless own_services_up
# replaced them.
INSTANCE_APP="$CLUSTER/app"
INSTANCE_KEY_FILE="$CLUSTER/signing-key"
INSTANCE_PG="Host=127.0.0.1;Port=55432;Username=postgres;Database=collab"
SEEDED_ROOM="footprint-room"
BASELINE_DLL="$ROOT/bench/Baseline/bin/Release/net10.0/Baseline.dll"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

say() { printf '==> %s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

STARTED_PIDS=()
cleanup() {
    local pid
    for pid in "${STARTED_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${STARTED_PIDS[@]}"; do
        for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -9 "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

build_tools() {
    say "building the load tool and the baseline (Release)"
    dotnet build bench/CollabApp.LoadTool -c Release -nologo -v:quiet >"$RUN/build.log" 2>&1 || { tail -30 "$RUN/build.log"; die "build failed"; }
    dotnet build bench/Baseline -c Release -nologo -v:quiet >>"$RUN/build.log" 2>&1 || { tail -30 "$RUN/build.log"; die "build failed"; }
    dotnet tool restore >>"$RUN/build.log" 2>&1 || { tail -30 "$RUN/build.log"; die "dotnet tool restore failed"; }
}

loadtool() { timeout 900 dotnet "$LOADTOOL" "$@"; }

# The fan-out load both fan-out commands send, into the caller's `load` array. Every side measured gets the same
# warm-up (JIT tiers, connection pools, query caches) before the measured seconds.
fanout_load() {
    load=(--clients "${CLIENTS:-20}" --rooms "${ROOMS:-4}" --rate "${RATE:-100}" --duration "${DURATION:-20}" --warmup "${WARMUP:-10}")
}

wait_health() { # URL PID
    for _ in $(seq 240); do
        curl -fsS -o /dev/null --max-time 2 "$1/healthz" 2>/dev/null && return 0
        kill -0 "$2" 2>/dev/null || die "process $2 for $1 exited (logs in .run/bench/)"
        sleep 0.25
    done
    die "$1 not healthy after 60 s"
}

start_baseline() { # PORT [REDIS host:port, default $REDIS; "" runs it alone, no backplane] -> sets LAST_PID
    local port="$1" redis="${2-$REDIS}"
    ASPNETCORE_URLS="http://127.0.0.1:$port" ConnectionStrings__Redis="$redis" \
        setsid dotnet "$BASELINE_DLL" >"$RUN/baseline-$port.log" 2>&1 </dev/null &
    LAST_PID=$!
    STARTED_PIDS+=("$LAST_PID")
    wait_health "http://127.0.0.1:$port" "$LAST_PID"
}

# A product instance with the cluster's configuration (published app, signing key, PostgreSQL, Redis) apart from
# the cluster's own three, except connection, call and sign-up limits high enough for load from one IP: the defaults
# (100 connections a minute per IP, 20 calls a second per connection, 50 accounts an hour per IP, 20 connections per
# user, 100 circuits a minute per IP, 20 circuits per user) are abuse limits, not capacity, and neither the baseline
# nor Socket.IO has them.
start_product_instance() { # ID PORT -> sets LAST_PID
    local id="$1" port="$2"
    mkdir -p "$RUN/data-$id"
    (
        cd "$INSTANCE_APP"
        exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
            Collab__InstanceId="$id" Collab__DataPath="$RUN/data-$id" \
            Collab__Auth__SigningKey="$(cat "$INSTANCE_KEY_FILE")" \
            Collab__Limits__ConnectionsPerMinute=1000000 \
            Collab__Limits__CallsPerSecond=100000 Collab__Limits__CallBurst=1000000 \
            Collab__Limits__RegistrationsPerHour=1000000 Collab__Limits__SignInsPerMinute=1000000 \
            Collab__Limits__SignInsPerAccountPerMinute=1000000 Collab__Limits__ConnectionsPerUser=1000 \
            Collab__Limits__RoomsPerHour=1000000 Collab__Limits__CircuitsPerMinute=1000000 \
            Collab__Limits__CircuitsPerUser=100000 \
            ConnectionStrings__Postgres="$INSTANCE_PG" \
            ConnectionStrings__Redis="${INSTANCE_REDIS:-$REDIS}" Collab__Redis__Cluster="${INSTANCE_REDIS_CLUSTER:-false}" \
            setsid dotnet CollabApp.dll >>"$RUN/instance-$id.log" 2>&1 </dev/null
    ) &
    LAST_PID=$!
    STARTED_PIDS+=("$LAST_PID")
    wait_health "http://127.0.0.1:$port" "$LAST_PID"
    # setsid does not fork here (the subshell leads no process group), so the pid is the server's own.
    grep -q CollabApp.dll "/proc/$LAST_PID/cmdline" || die "pid $LAST_PID is not the instance"
}

start_footprint_instance() { start_product_instance f "$FOOTPRINT_PORT"; }

stop_pid() { # PID
    kill -TERM "$1" 2>/dev/null || true
    for _ in $(seq 40); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.25; done
    kill -9 "$1" 2>/dev/null || true
}

cmd_ot() {
    local mode="--quick"
    case "${1:-}" in --full) mode="" ;; --dry) mode="--dry" ;; "") ;; *) die "ot: unknown option $1" ;; esac
    rm -rf "$RUN/bdn"
    say "BenchmarkDotNet ${mode:-(full)}"
    dotnet run -c Release --project bench/CollabApp.Benchmarks -- $mode --artifacts "$RUN/bdn" | tee "$RUN/ot.log"
    mkdir -p "$RESULTS/ot"
    cp "$RUN"/bdn/results/*-report-brief.json "$RUN"/bdn/results/*-report-github.md "$RESULTS/ot/"
    say "results in bench/results/ot/"
}

cmd_serialise() {
    rm -rf "$RUN/bdn-serialise"
    say "BenchmarkDotNet: EventSerialisationBenchmarks"
    dotnet run -c Release --project bench/CollabApp.Benchmarks -- --filter '*EventSerialisationBenchmarks*' --artifacts "$RUN/bdn-serialise" | tee "$RUN/serialise.log"
    mkdir -p "$RESULTS/serialise"
    cp "$RUN"/bdn-serialise/results/*-report-brief.json "$RUN"/bdn-serialise/results/*-report-github.md "$RESULTS/serialise/"
    say "results in bench/results/serialise/"
}

cmd_fanout() {
    bash eng/cluster.sh up
    build_tools
    local load
    fanout_load
    say "fan-out against the product: $PRODUCT_URLS"
    loadtool fanout --urls "$PRODUCT_URLS" "${load[@]}" --label product --out "$RESULTS/fanout-product.json" >/dev/null
    say "starting 3 baseline instances on ${BASELINE_PORTS[*]} (Redis $REDIS)"
    local urls="" port
    for port in "${BASELINE_PORTS[@]}"; do
        start_baseline "$port"
        urls+="${urls:+,}http://127.0.0.1:$port"
    done
    say "fan-out against the baseline: $urls"
    loadtool fanout --urls "$urls" --no-auth "${load[@]}" --label baseline --out "$RESULTS/fanout-baseline.json" >/dev/null
    python3 - "$RESULTS" <<'EOF'
import json, sys
d = sys.argv[1]
def camel(o):  # older result files wrote PascalCase latency fields
    if isinstance(o, dict): return {k[:1].lower() + k[1:]: camel(v) for k, v in o.items()}
    return [camel(v) for v in o] if isinstance(o, list) else o
p = camel(json.load(open(f"{d}/fanout-product.json")))["result"]
b = camel(json.load(open(f"{d}/fanout-baseline.json")))["result"]
def ratio(x, y): return round(x / y, 3) if x is not None and y else None
out = {
    "throughputRatio": ratio(p["deliveredPerSecond"], b["deliveredPerSecond"]),
    "p50Ratio": ratio(p["endToEndLatency"]["p50Ms"], b["endToEndLatency"]["p50Ms"]),
    "p95Ratio": ratio(p["endToEndLatency"]["p95Ms"], b["endToEndLatency"]["p95Ms"]),
    "p99Ratio": ratio(p["endToEndLatency"]["p99Ms"], b["endToEndLatency"]["p99Ms"]),
    "product": {k: p[k] for k in ("deliveredPerSecond", "loss", "endToEndLatency", "sendAckLatency")},
    "baseline": {k: b[k] for k in ("deliveredPerSecond", "loss", "endToEndLatency", "sendAckLatency")},
    "targets": {"throughputRatioAtLeast": 0.8, "p99RatioAtMost": 2.0},
}
json.dump(out, open(f"{d}/fanout-ratio.json", "w"), indent=2)
print(json.dumps(out, indent=2))
EOF
}

# CPU seconds (user + sys) each Redis at these ports has used so far, as "port seconds" lines.
redis_cpu() { # PORT...
    local port
    for port in "$@"; do
        redis-cli -p "$port" info cpu | tr -d '\r' | awk -F: -v p="$port" '/^used_cpu_(sys|user):/ { s += $2 } END { print p, s }'
    done
}

# The same fan-out against the product on one Redis and on a Redis Cluster, with every Redis process's CPU over each
# run (replicas included: they apply every write), so the next person can size shards from CPU per message.
cmd_shards() {
    bash eng/cluster.sh up
    build_tools
    # shellcheck source=eng/services.sh
    source eng/services.sh
    local load
    CLIENTS="${CLIENTS:-36}" ROOMS="${ROOMS:-12}" fanout_load
    local single_port="${REDIS##*:}"
    rm -rf "$RUN/redis-cluster"
    say "starting a Redis Cluster (3 primaries + 3 replicas) in $RUN/redis-cluster"
    svc_redis_cluster_start "$RUN/redis-cluster"
    trap 'svc_redis_cluster_stop "$RUN/redis-cluster"; cleanup' EXIT
    mapfile -t cluster_ports <"$RUN/redis-cluster/cluster-ports"
    local urls="" port i=0
    for port in 5021 5022 5023; do
        INSTANCE_REDIS="$SVC_REDIS_CLUSTER" INSTANCE_REDIS_CLUSTER=true start_product_instance "shard$i" "$port"
        urls+="${urls:+,}http://127.0.0.1:$port"
        i=$((i + 1))
    done
    local start
    say "fan-out on one Redis: $PRODUCT_URLS"
    redis_cpu "$single_port" >"$RUN/cpu-single-before"
    start=$SECONDS
    loadtool fanout --urls "$PRODUCT_URLS" "${load[@]}" --label single --out "$RESULTS/shards-single.json" >/dev/null
    echo "$((SECONDS - start))" >"$RUN/wall-single"
    redis_cpu "$single_port" >"$RUN/cpu-single-after"
    say "fan-out on the Redis Cluster: $urls"
    redis_cpu "${cluster_ports[@]}" >"$RUN/cpu-cluster-before"
    start=$SECONDS
    loadtool fanout --urls "$urls" "${load[@]}" --label cluster --out "$RESULTS/shards-cluster.json" >/dev/null
    echo "$((SECONDS - start))" >"$RUN/wall-cluster"
    redis_cpu "${cluster_ports[@]}" >"$RUN/cpu-cluster-after"
    for port in "${cluster_ports[@]}"; do
        echo "$port $(redis-cli -p "$port" info replication | tr -d '\r' | sed -n 's/^role://p')"
    done >"$RUN/cluster-roles"
    python3 - "$RESULTS" "$RUN" <<'EOF2'
import json, sys
results, run = sys.argv[1], sys.argv[2]
def cpu(name):
    read = lambda f: {l.split()[0]: float(l.split()[1]) for l in open(f"{run}/cpu-{name}-{f}")}
    before, after, wall = read("before"), read("after"), float(open(f"{run}/wall-{name}").read())
    return {port: {"cpuSeconds": round(after[port] - before[port], 2), "cpuShare": round((after[port] - before[port]) / wall, 3)} for port in after}, wall
roles = dict(l.split() for l in open(f"{run}/cluster-roles"))
out = {}
for name in ("single", "cluster"):
    r = json.load(open(f"{results}/shards-{name}.json"))["result"]
    per_node, wall = cpu(name)
    if name == "cluster":
        per_node = {p: {**v, "role": "primary" if roles[p] == "master" else "replica"} for p, v in per_node.items()}
    out[name] = {
        "deliveredPerSecond": r["deliveredPerSecond"], "loss": r["loss"],
        "endToEndLatency": r["endToEndLatency"], "sendAckLatency": r["sendAckLatency"],
        "wallSeconds": wall, "redis": per_node,
        "redisCpuSecondsTotal": round(sum(v["cpuSeconds"] for v in per_node.values()), 2),
    }
json.dump(out, open(f"{results}/shards-summary.json", "w"), indent=2)
print(json.dumps(out, indent=2))
EOF2
}

# The same fan-out twice against the product, without and with readers that never read (issue 6: a slow
# client must not slow the others); reports the others' latency ratios.
cmd_slowreaders() {
    bash eng/cluster.sh up
    build_tools
    local load
    fanout_load
    say "fan-out without slow readers: $PRODUCT_URLS"
    loadtool fanout --urls "$PRODUCT_URLS" "${load[@]}" --label no-slow-readers --out "$RESULTS/slow-readers-none.json" >/dev/null
    say "fan-out with ${SLOW_READERS:-8} readers that never read"
    loadtool fanout --urls "$PRODUCT_URLS" "${load[@]}" --slow-readers "${SLOW_READERS:-8}" --label slow-readers --out "$RESULTS/slow-readers-with.json" >/dev/null
    python3 - "$RESULTS" <<'EOF'
import json, sys
d = sys.argv[1]
n = json.load(open(f"{d}/slow-readers-none.json"))["result"]
w = json.load(open(f"{d}/slow-readers-with.json"))["result"]
def ratio(x, y): return round(x / y, 3) if x is not None and y else None
out = {
    "slowReaders": w["slowReaders"],
    "throughputRatio": ratio(w["deliveredPerSecond"], n["deliveredPerSecond"]),
    "p50Ratio": ratio(w["endToEndLatency"]["p50Ms"], n["endToEndLatency"]["p50Ms"]),
    "p99Ratio": ratio(w["endToEndLatency"]["p99Ms"], n["endToEndLatency"]["p99Ms"]),
    "lossWith": w["loss"], "lossWithout": n["loss"],
    "without": {k: n[k] for k in ("deliveredPerSecond", "endToEndLatency")},
    "with": {k: w[k] for k in ("deliveredPerSecond", "endToEndLatency")},
}
json.dump(out, open(f"{d}/slow-readers-ratio.json", "w"), indent=2)
print(json.dumps(out, indent=2))
EOF
}

cmd_edit() {
    bash eng/cluster.sh up
    build_tools
    say "edit: first ${EDITS:-5000} trace edits through the hub, then ${TYPISTS:-10} typists"
    loadtool edit --urls "$PRODUCT_URLS" --redis "$REDIS" --edits "${EDITS:-5000}" --typists "${TYPISTS:-10}" \
        --typing-rate "${TYPING_RATE:-5}" --typing-duration "${TYPING_DURATION:-15}" --typing-phases "${TYPING_PHASES:-together}" --out "$RESULTS/edit-product.json"
}


# Idle Blazor circuits: a headless Chromium (its DevTools endpoint on loopback) gets a signed-in user's cookie and
# opens tabs on an interactive page (/rooms, or a room's page), in steps; the load tool drives it over the DevTools
# protocol and reads the instance's RSS and collab_circuits gauge after each step. Arguments after OUT go to both of
# the load tool's runs (--no-auth for the baseline).
measure_circuits() { # PID URL PAGE OUT [LOADTOOL ARGS...]
    local pid="$1" url="$2" page="$3" out="$4" chromium_pid devtools=9333 name
    shift 4
    name="$(basename "$out" .json)"
    rm -rf "$RUN/chromium"
    chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --mute-audio \
        --remote-debugging-address=127.0.0.1 --remote-debugging-port=$devtools --user-data-dir="$RUN/chromium" \
        about:blank >"$RUN/chromium.log" 2>&1 &
    chromium_pid=$!
    STARTED_PIDS+=("$chromium_pid")
    for _ in $(seq 80); do curl -fsS -o /dev/null "http://127.0.0.1:$devtools/json/version" 2>/dev/null && break; sleep 0.25; done
    # Ten tabs first, so one-off costs (JIT, caches, pools) are paid before the measured steps.
    loadtool circuits --urls "$url" "$@" --devtools "$devtools" --page "$page" --steps 10 \
        --server-pid "$pid" --out "$RUN/$name-warmup.json" >/dev/null
    # dotnet-gcdump forces a full collection and counts what is still reachable: the live managed heap, which
    # RSS hides behind the collector's headroom.
    dotnet tool run dotnet-gcdump collect -p "$pid" -o "$RUN/$name-before.gcdump" >/dev/null
    loadtool circuits --urls "$url" "$@" --devtools "$devtools" --page "$page" --steps "${CIRCUIT_STEPS:-50,100,200}" \
        --server-pid "$pid" --out "$out" >/dev/null
    dotnet tool run dotnet-gcdump collect -p "$pid" -o "$RUN/$name-after.gcdump" >/dev/null
    local before after
    before=$(live_heap_bytes "$RUN/$name-before.gcdump")
    after=$(live_heap_bytes "$RUN/$name-after.gcdump")
    python3 - "$out" "$before" "$after" <<'EOF'
import json, sys
path, before, after = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
doc = json.load(open(path))
tabs = doc["result"]["steps"][-1]["connections"]
doc["result"]["liveHeap"] = {"beforeBytes": before, "afterBytes": after, "tabs": tabs,
                             "bytesPerCircuit": round((after - before) / tabs)}
json.dump(doc, open(path, "w"), indent=2)
EOF
    stop_pid "$chromium_pid"
}

circuit_pages() { echo "${CIRCUIT_PAGES:-list room baseline}"; }
wants_page() { [[ " $(circuit_pages) " == *" $1 "* ]]; } # PAGE: list, room or baseline

# Circuits on /rooms, then on the seeded room's page (all four panels live), each on a fresh instance f.
# CIRCUIT_PAGES="room" measures only the room page (while cutting its state, a run takes half as long).
measure_both_pages() {
    local url="http://127.0.0.1:$FOOTPRINT_PORT"
    wants_page list || wants_page room || return 0
    start_footprint_instance
    loadtool seedroom --urls "$url" --room "$SEEDED_ROOM" --messages 50 --todos 10 --document-kb 10 \
        --out "$RUN/seedroom.json" >/dev/null
    if wants_page list; then
        say "instance f: idle Blazor circuits on /rooms (${CIRCUIT_STEPS:-50,100,200})"
        measure_circuits "$LAST_PID" "$url" /rooms "$RESULTS/footprint-circuits.json"
        stop_pid "$LAST_PID"
        start_footprint_instance
    fi
    if wants_page room; then
        say "fresh instance f: idle Blazor circuits on /rooms/$SEEDED_ROOM (${CIRCUIT_STEPS:-50,100,200})"
        measure_circuits "$LAST_PID" "$url" "/rooms/$SEEDED_ROOM" "$RESULTS/footprint-room-circuits.json"
    fi
    stop_pid "$LAST_PID"
}

# The framework's own cost per circuit: bench/Baseline's /circuit (one interactive component, a heading and a counter
# button; no MudBlazor, no sign-in, no layout), same method as the product's pages, on one baseline instance without
# Redis (a circuit never touches the backplane).
measure_baseline_circuit() {
    local port="${BASELINE_PORTS[0]}"
    say "baseline instance on $port: idle Blazor circuits on /circuit (${CIRCUIT_STEPS:-50,100,200})"
    start_baseline "$port" ""
    grep -q Baseline.dll "/proc/$LAST_PID/cmdline" || die "pid $LAST_PID is not the baseline"
    measure_circuits "$LAST_PID" "http://127.0.0.1:$port" /circuit "$RESULTS/footprint-baseline-circuits.json" --no-auth
    stop_pid "$LAST_PID"
}

live_heap_bytes() { # GCDUMP -> the "GC Heap bytes" total of dotnet-gcdump's report
    dotnet tool run dotnet-gcdump report "$1" | awk '/GC Heap bytes/ { gsub(",", "", $1); print $1; exit }'
}

cmd_footprint() {
    bash eng/cluster.sh up
    build_tools
    command -v chromium >/dev/null || { source eng/services.sh; svc_install chromium; }
    local steps="${HUB_STEPS:-250,500,1000}" url="http://127.0.0.1:$FOOTPRINT_PORT"
    say "product instance f on $FOOTPRINT_PORT: idle hub connections ($steps)"
    start_footprint_instance
    loadtool idle --urls "$url" --steps "$steps" --server-pid "$LAST_PID" --out "$RESULTS/footprint-hub.json" >/dev/null
    stop_pid "$LAST_PID"
    measure_both_pages
    say "baseline instance on ${BASELINE_PORTS[0]}: idle hub connections ($steps)"
    start_baseline "${BASELINE_PORTS[0]}"
    loadtool idle --urls "http://127.0.0.1:${BASELINE_PORTS[0]}" --no-auth --steps "$steps" --server-pid "$LAST_PID" \
        --label baseline --out "$RESULTS/footprint-baseline-hub.json" >/dev/null
    python3 - "$RESULTS" <<'EOF'
import json, sys
d = sys.argv[1]
def per(steps):
    # kbPerUnit: growth since the first reading, per unit. marginalKbPerUnit: growth since the previous step, per
    # unit added; at the larger steps it leaves out the collector's one-off headroom, so it is the cost of one more.
    z = steps[0]["rssKb"]
    out = []
    for i, s in enumerate(steps):
        prev = steps[i - 1] if i else None
        out.append({"connections": s["connections"], "rssKb": s["rssKb"],
                    "kbPerUnit": round((s["rssKb"] - z) / s["connections"], 1) if s["connections"] else None,
                    "marginalKbPerUnit": round((s["rssKb"] - prev["rssKb"]) / (s["connections"] - prev["connections"]), 1)
                    if prev and s["connections"] > prev["connections"] else None})
    return out
hub = json.load(open(f"{d}/footprint-hub.json"))["result"]["steps"]
base = json.load(open(f"{d}/footprint-baseline-hub.json"))["result"]["steps"]
circ = json.load(open(f"{d}/footprint-circuits.json"))["result"]["steps"]
room = json.load(open(f"{d}/footprint-room-circuits.json"))["result"]["steps"]
out = {"productHub": per(hub), "baselineHub": per(base), "productCircuits": per(circ),
       "circuitsSeenByServer": [s.get("circuits") for s in circ], "targetKbPerCircuitBelow": 200,
       "circuitLiveHeap": json.load(open(f"{d}/footprint-circuits.json"))["result"].get("liveHeap"),
       "roomPageCircuits": per(room), "roomPageCircuitsSeenByServer": [s.get("circuits") for s in room],
       "roomPageTargetKbPerCircuitBelow": 250,
       "roomPageLiveHeap": json.load(open(f"{d}/footprint-room-circuits.json"))["result"].get("liveHeap")}
json.dump(out, open(f"{d}/footprint-summary.json", "w"), indent=2)
print(json.dumps(out, indent=2))
EOF
}

# This checkout's app on its own throwaway PostgreSQL and Redis (free ports, a temp folder: the PostgreSQL user must
# reach it), so the circuits measure this checkout's code and can run beside a cluster on the fixed ports.
own_services_up() {
    # shellcheck source=eng/services.sh
    source eng/services.sh
    svc_install redis postgres python
    OWN_SERVICES="$(mktemp -d -t collab-bench-services.XXXXXX)"
    chmod 755 "$OWN_SERVICES"
    OWN_PG_PORT="$(svc_free_port)"
    OWN_REDIS_PORT="$(svc_free_port)"
    trap 'cleanup; own_services_down' EXIT
    svc_pg_start "$OWN_SERVICES/pg" "$OWN_PG_PORT"
    svc_redis_start "$OWN_SERVICES/redis" "$OWN_REDIS_PORT"
    say "dotnet publish CollabApp -c Release -o .run/bench/app"
    dotnet publish CollabApp -c Release -o "$RUN/app" -nologo -v:quiet >"$RUN/publish.log" 2>&1 || { tail -30 "$RUN/publish.log"; die "publish failed"; }
    (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$RUN/signing-key")
    INSTANCE_APP="$RUN/app"
    INSTANCE_KEY_FILE="$RUN/signing-key"
    INSTANCE_PG="Host=127.0.0.1;Port=$OWN_PG_PORT;Username=postgres;Database=collab"
    REDIS="127.0.0.1:$OWN_REDIS_PORT"
}

own_services_down() {
    svc_redis_stop "$OWN_SERVICES/redis" "$OWN_REDIS_PORT"
    svc_pg_stop "$OWN_SERVICES/pg"
    rm -rf "$OWN_SERVICES"
}

cmd_circuits() {
    build_tools
    command -v chromium >/dev/null || { source eng/services.sh; svc_install chromium; }
    if wants_page list || wants_page room; then
        own_services_up
        rm -rf "$RUN"/data-f
        measure_both_pages
    fi
    if wants_page baseline; then measure_baseline_circuit; fi
    python3 - "$RESULTS" "$(circuit_pages)" <<'EOF'
import json, sys
d = sys.argv[1]
def per(steps):
    out = []
    for i, s in enumerate(steps):
        prev = steps[i - 1] if i else None
        out.append({"connections": s["connections"], "rssKb": s["rssKb"], "circuitsSeenByServer": s.get("circuits"),
                    "marginalKbPerUnit": round((s["rssKb"] - prev["rssKb"]) / (s["connections"] - prev["connections"]), 1)
                    if prev and s["connections"] > prev["connections"] else None})
    return out
def page(name, target, key):
    try:
        r = json.load(open(f"{d}/{name}.json"))["result"]
    except FileNotFoundError:
        return None
    p = {"page": r["page"], "steps": per(r["steps"]), "liveHeap": r.get("liveHeap"), "targetKbPerCircuitBelow": target}
    # A page not in CIRCUIT_PAGES comes from an earlier run; say so rather than mix runs silently.
    if key not in sys.argv[2].split(): p["fromEarlierRun"] = True
    return p
out = {"roomList": page("footprint-circuits", 200, "list"), "roomPage": page("footprint-room-circuits", 250, "room"),
       "baselineCircuit": page("footprint-baseline-circuits", None, "baseline")}
# Each product page against the bare circuit, as multiples of it: the marginal RSS per circuit of the last step
# (100->200 by default) and the live heap per circuit.
def ratio(a, b): return round(a / b, 2) if a is not None and b else None
def marginal(p): return p["steps"][-1]["marginalKbPerUnit"]
def heap(p): return (p.get("liveHeap") or {}).get("bytesPerCircuit")
base = out["baselineCircuit"]
if base:
    s = base["steps"]
    out["toBaselineCircuit"] = {"marginalRssStep": f"{s[-2]['connections']}->{s[-1]['connections']}" if len(s) > 1 else None}
    for key in ("roomList", "roomPage"):
        if out[key]:
            out["toBaselineCircuit"][key] = {"marginalRss": ratio(marginal(out[key]), marginal(base)),
                                             "liveHeap": ratio(heap(out[key]), heap(base))}
json.dump(out, open(f"{d}/circuits-summary.json", "w"), indent=2)
print(json.dumps(out, indent=2))
EOF
}

# Capacity (issue 13). Each target gets fresh server processes for each run, so every run starts the same way
# (JIT, pools and caches are warmed by the tool's warm-up step, not by the previous run); the runs are
# interleaved (product, baseline, Socket.IO, then again) so that both repeats of a pair see the machine alike.
CAP_PIDS=()
cap_start() { # TARGET -> CAP_URLS, CAP_PROCS (name=pid,... for the load tool's CPU columns), CAP_PIDS
    local target="$1" port i=0 urls="" procs=""
    CAP_PIDS=()
    case "$target" in
        product)
            for port in ${CAP_PRODUCT_PORTS:-5011 5012}; do
                start_product_instance "cap$i" "$port"
                CAP_PIDS+=("$LAST_PID"); urls+="${urls:+,}http://127.0.0.1:$port"; procs+="${procs:+,}product$i=$LAST_PID"
                i=$((i + 1))
            done ;;
        baseline)
            for port in ${CAP_BASELINE_PORTS:-5111 5112}; do
                start_baseline "$port"
                CAP_PIDS+=("$LAST_PID"); urls+="${urls:+,}http://127.0.0.1:$port"; procs+="${procs:+,}baseline$i=$LAST_PID"
                i=$((i + 1))
            done ;;
        socketio)
            for port in ${CAP_SOCKETIO_PORTS:-5211 5212}; do
                PORT="$port" REDIS_URL="redis://$REDIS" setsid node bench/socketio/server.js >"$RUN/socketio-$port.log" 2>&1 </dev/null &
                LAST_PID=$!
                STARTED_PIDS+=("$LAST_PID")
                wait_health "http://127.0.0.1:$port" "$LAST_PID"
                CAP_PIDS+=("$LAST_PID"); urls+="${urls:+,}http://127.0.0.1:$port"; procs+="${procs:+,}socketio$i=$LAST_PID"
                i=$((i + 1))
            done ;;
        *) die "capacity: unknown target $target" ;;
    esac
    CAP_URLS="$urls"
    # Redis and PostgreSQL serve every target (Socket.IO and the baseline use only Redis); their CPU is counted
    # for all three so the columns compare the whole stack.
    CAP_PROCS="$procs,redis=$(cat "$CLUSTER/redis/redis.pid"),postgres=$(head -n 1 "$(cat "$CLUSTER/pg.path")/data/postmaster.pid")"
}

cmd_capacity() {
    bash eng/cluster.sh up
    build_tools
    say "npm ci (bench/socketio)"
    (cd bench/socketio && npm ci --no-audit --no-fund >"$RUN/npm.log" 2>&1) || { tail -20 "$RUN/npm.log"; die "npm ci failed"; }
    local ramp=(--clients "${CAP_CLIENTS:-100}" --rooms "${CAP_ROOMS:-20}" --start-rate "${CAP_START_RATE:-1}"
        --factor "${CAP_FACTOR:-1.5}" --step "${CAP_STEP:-10}" --warmup "${CAP_WARMUP:-20}" --drain 10 --p99-limit 100 --timeout 900)
    local repeat target out pid
    for target in ${CAP_TARGETS:-product baseline socketio}; do rm -f "$RESULTS/capacity-$target"-*.json; done
    for repeat in $(seq "${CAP_REPEATS:-2}"); do
        for target in ${CAP_TARGETS:-product baseline socketio}; do
            cap_start "$target"
            out="$RESULTS/capacity-$target-$repeat.json"
            say "capacity $target run $repeat: $CAP_URLS   loadavg $(cat /proc/loadavg)"
            case "$target" in
                product) loadtool capacity --urls "$CAP_URLS" "${ramp[@]}" --procs "$CAP_PROCS" --label "product-$repeat" --out "$out" >/dev/null ;;
                baseline) loadtool capacity --urls "$CAP_URLS" --no-auth "${ramp[@]}" --procs "$CAP_PROCS" --label "baseline-$repeat" --out "$out" >/dev/null ;;
                socketio) timeout 900 node bench/socketio/capacity-client.js --urls "$CAP_URLS" "${ramp[@]}" --procs "$CAP_PROCS" --label "socketio-$repeat" --out "$out" >/dev/null ;;
            esac
            for pid in "${CAP_PIDS[@]}"; do stop_pid "$pid"; done
        done
    done
    python3 bench/capacity_summary.py "$RESULTS" | tee "$RUN/capacity-summary.txt"
}

mkdir -p "$RESULTS" "$RUN"
case "${1:-}" in
    ot) shift; cmd_ot "$@" ;;
    serialise) cmd_serialise ;;
    fanout) cmd_fanout ;;
    shards) cmd_shards ;;
    slowreaders) cmd_slowreaders ;;
    edit) cmd_edit ;;
    footprint) cmd_footprint ;;
    circuits) cmd_circuits ;;
    capacity) cmd_capacity ;;
    *)
        sed -n '2,51p' "$0" >&2
        exit 2
        ;;
esac
