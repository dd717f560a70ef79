#!/usr/bin/env bash
# CollabApp's one test command (also CI's, through .ci/run).
#
# Usage:
#   bash eng/test.sh                         # everything: node tests, CollabApp.Tests, CollabApp.E2E
#   bash eng/test.sh 'FullyQualifiedName~Chat'   # args are joined and passed as `--filter` to both dotnet test runs
#
# What it does:
#   1. installs what is missing (apt: redis-server nginx chromium postgresql-15; see eng/services.sh);
#   2. starts a throwaway PostgreSQL 15, a Redis and a Redis Cluster on free loopback ports (stopped again on exit, even on failure);
#   3. exports for the tests:
#        COLLAB_TEST_POSTGRES       Npgsql connection string to the server's `postgres` database, user postgres
#                                   (tests create their own databases)
#        COLLAB_TEST_REDIS          127.0.0.1:PORT
#        COLLAB_TEST_REDIS_CLUSTER  127.0.0.1:P1,...,127.0.0.1:P6: a Redis Cluster, 3 primaries + 3 replicas (the contract
#                                   and cross-instance tests run on it too; the failover test kills one of its primaries)
#        COLLAB_TEST_REDIS_SERVER   path of redis-server (for tests that start/restart their own Redis)
#        COLLAB_TEST_NGINX          path of nginx (E2E renders eng/nginx/nginx.conf.template itself)
#        COLLAB_TEST_NGINX_TEMPLATE absolute path of eng/nginx/nginx.conf.template
#        COLLAB_TEST_CHROMIUM       /usr/bin/chromium (Playwright's ExecutablePath)
#        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
#   4. `dotnet build CollabApp.sln -c Release` once;
#   5. `node --test` over wwwroot/test/**/*.test.mjs (skipped when there are none);
#   6. `dotnet test --no-build` of CollabApp.Tests then CollabApp.E2E, trx files in artifacts/test-results/;
#   7. prints the failing test names, then exactly one last line `N passed, N failed` (', N skipped' when any).
# Exit code: 0 only if every step ran and no test failed. A project with test methods that reports zero
# tests (without a filter), or a run that produced no trx, counts as a failure.
# Knobs: COLLAB_TEST_RESULTS (results folder), COLLAB_TEST_HANG_TIMEOUT (per-test hang limit, default 10m).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=eng/services.sh
source "$ROOT/eng/services.sh"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

FILTER="$*"
RESULTS="${COLLAB_TEST_RESULTS:-$ROOT/artifacts/test-results}"
HANG_TIMEOUT="${COLLAB_TEST_HANG_TIMEOUT:-10m}"
START_TIME=$SECONDS

TOTAL_PASSED=0
TOTAL_FAILED=0
TOTAL_SKIPPED=0
STEP_FAILURES=()   # steps that failed outside of counted tests (build, crash, zero tests)
FAILED_TESTS=()    # names of failing tests, printed at the end

say() { printf '==> %s\n' "$*"; }

SERVICES_DIR=""
# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
    local rc=$?
    if [[ -n "$SERVICES_DIR" ]]; then
        svc_stop_all "$SERVICES_DIR"
        SERVICES_DIR=""
    fi
    return "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

finish() {
    local f
    if [[ ${#FAILED_TESTS[@]} -gt 0 ]]; then
        echo
        echo "Failing tests:"
        for f in "${FAILED_TESTS[@]}"; do echo "  - $f"; done
        print_server_errors
    fi
    if [[ ${#STEP_FAILURES[@]} -gt 0 ]]; then
        echo
        echo "Failed steps:"
        for f in "${STEP_FAILURES[@]}"; do echo "  - $f"; done
    fi
    echo
    say "results in ${RESULTS#"$ROOT"/}/, took $((SECONDS - START_TIME))s"
    local line="$TOTAL_PASSED passed, $TOTAL_FAILED failed"
    [[ $TOTAL_SKIPPED -eq 0 ]] || line+=", $TOTAL_SKIPPED skipped"
    echo "$line"
    if [[ $TOTAL_FAILED -gt 0 || ${#STEP_FAILURES[@]} -gt 0 ]]; then
        exit 1
    fi
    exit 0
}

# A failed browser test keeps its app's log; CI shows only this output, so the server's own errors go here.
print_server_errors() {
    local log
    for log in "$RESULTS"/e2e/*/app.log; do
        [[ -f "$log" ]] || continue
        grep -qE '^(fail|crit):' "$log" || continue
        echo
        echo "Server errors logged during $(basename "$(dirname "$log")") (whole log: ${log#"$ROOT"/}):"
        grep -E -A4 '^(fail|crit):' "$log" | head -40 | sed 's/^/    /'
    done
}

# A step that fails before any test could run still has to count as a failure in the last line.
step_failed() {
    STEP_FAILURES+=("$1")
    TOTAL_FAILED=$((TOTAL_FAILED + 1))
}

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# --- 1-3. Tools and services -------------------------------------------------------------------
say "services"
if ! svc_install redis nginx chromium postgres python; then
    step_failed "install of redis-server/nginx/chromium/postgresql-15"
    finish
fi
SERVICES_DIR="$(mktemp -d -t collab-test-services.XXXXXX)"
if ! svc_start_all "$SERVICES_DIR"; then
    step_failed "start of PostgreSQL/Redis/Redis Cluster"
    finish
fi
export COLLAB_TEST_POSTGRES="Host=127.0.0.1;Port=$SVC_PG_PORT;Username=postgres;Database=postgres"
export COLLAB_TEST_REDIS="127.0.0.1:$SVC_REDIS_PORT"
export COLLAB_TEST_REDIS_CLUSTER="$SVC_REDIS_CLUSTER"
COLLAB_TEST_REDIS_SERVER="$(svc_redis_server_bin)"
COLLAB_TEST_NGINX="$(svc_nginx_bin)"
export COLLAB_TEST_REDIS_SERVER COLLAB_TEST_NGINX
export COLLAB_TEST_NGINX_TEMPLATE="$ROOT/eng/nginx/nginx.conf.template"
export COLLAB_TEST_CHROMIUM=/usr/bin/chromium
echo "    PostgreSQL 127.0.0.1:$SVC_PG_PORT, Redis 127.0.0.1:$SVC_REDIS_PORT, Redis Cluster $SVC_REDIS_CLUSTER"

# --- 4. Build ------------------------------------------------------------------------------------
say "dotnet build CollabApp.sln -c Release"
build_args=(-c Release -nologo -clp:NoSummary -v:minimal)
[[ "${CI:-}" != "true" ]] || build_args+=(-nodeReuse:false -p:UseSharedCompilation=false)
if ! dotnet build CollabApp.sln "${build_args[@]}" >"$RESULTS/build.log" 2>&1; then
    # Errors only, each once (msbuild repeats them), and short.
    grep -E ': (error|warning) [A-Z]+[0-9]+' "$RESULTS/build.log" | sed -E 's/ \[[^]]*\.csproj\]$//' | sort -u | head -n 40 || tail -n 40 "$RESULTS/build.log"
    step_failed "build (see ${RESULTS#"$ROOT"/}/build.log)"
    finish
fi
echo "    ok"

# --- 5. Node tests -------------------------------------------------------------------------------
mapfile -t node_tests < <(find wwwroot/test -name '*.test.mjs' -type f 2>/dev/null | sort)
if [[ ${#node_tests[@]} -eq 0 ]]; then
    say "node --test: no wwwroot/test/*.test.mjs, skipped"
else
    say "node --test (${#node_tests[@]} files)"
    node_rc=0
    node --test --test-reporter=tap "${node_tests[@]}" >"$RESULTS/node.tap" 2>&1 || node_rc=$?
    tap_count() { sed -n -E "s/^# $1 ([0-9]+)\$/\\1/p" "$RESULTS/node.tap" | tail -n 1; }
    n_pass="$(tap_count pass)"; n_fail="$(tap_count fail)"; n_cancel="$(tap_count cancelled)"
    n_skip="$(tap_count skipped)"; n_todo="$(tap_count todo)"
    if [[ -z "$n_pass" || -z "$n_fail" ]]; then
        tail -n 30 "$RESULTS/node.tap"
        step_failed "node --test crashed (exit $node_rc, see ${RESULTS#"$ROOT"/}/node.tap)"
    else
        n_fail=$((n_fail + ${n_cancel:-0}))
        TOTAL_PASSED=$((TOTAL_PASSED + n_pass))
        TOTAL_FAILED=$((TOTAL_FAILED + n_fail))
        TOTAL_SKIPPED=$((TOTAL_SKIPPED + ${n_skip:-0} + ${n_todo:-0}))
        echo "    node: pass=$n_pass fail=$n_fail skipped=$((${n_skip:-0} + ${n_todo:-0}))"
        while IFS= read -r name; do
            FAILED_TESTS+=("node: $name")
        done < <(sed -n -E 's/^ *not ok [0-9]+ - (.*)$/\1/p' "$RESULTS/node.tap" | grep -v ' # TODO' || true)
        if [[ $n_fail -gt 0 ]]; then
            # The failing subtests with their first lines of diagnostics.
            grep -E -A 12 '^ *not ok ' "$RESULTS/node.tap" | head -n 80 || true
        elif [[ $node_rc -ne 0 ]]; then
            tail -n 30 "$RESULTS/node.tap"
            step_failed "node --test exited $node_rc with no failing test"
        fi
        [[ $n_pass -gt 0 || $n_fail -gt 0 ]] || step_failed "node --test ran no test"
    fi
fi

# --- 6. dotnet test ------------------------------------------------------------------------------
# True if the project has test methods ([Fact], [Theory], [SkippableFact], [E2EFact], ...).
has_tests() {
    grep -rqE --include='*.cs' '\[[A-Za-z]*(Fact|Theory)\b' --exclude-dir=bin --exclude-dir=obj "$1"
}

# Reads a trx file: prints "total passed failed skipped" then failing test names, one per line.
trx_read() {
    python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
root = ET.parse(sys.argv[1]).getroot()
c = root.find("t:ResultSummary/t:Counters", ns)
g = lambda k: int(c.get(k, "0")) if c is not None else 0
failed = g("failed") + g("error") + g("timeout") + g("aborted")
# xunit leaves the notExecuted counter at 0: count skipped tests from their outcome instead.
skipped = sum(1 for r in root.iter("{%s}UnitTestResult" % ns["t"]) if r.get("outcome") == "NotExecuted")
print(g("total"), g("passed"), failed, skipped)
for r in root.iter("{%s}UnitTestResult" % ns["t"]):
    if r.get("outcome") in ("Failed", "Error", "Timeout", "Aborted"):
        print(r.get("testName"))
PY
}

run_dotnet_tests() {
    local project="$1" trx="$1.trx" rc=0
    local args=(test "$project" -c Release --no-build --nologo
        --results-directory "$RESULTS"
        --logger "trx;LogFileName=$trx"
        --logger "console;verbosity=minimal"
        --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none)
    [[ -z "$FILTER" ]] || args+=(--filter "$FILTER")
    say "dotnet test $project${FILTER:+ --filter $FILTER}"
    # Console output at minimal verbosity: failures with their messages, and one summary line.
    dotnet "${args[@]}" 2>&1 | tee "$RESULTS/$project.log" | grep -v -E '^\s*$' || rc=${PIPESTATUS[0]}
    if [[ ! -f "$RESULTS/$trx" ]]; then
        step_failed "$project: test run crashed, no trx (exit $rc, see ${RESULTS#"$ROOT"/}/$project.log)"
        return
    fi
    local total passed failed skipped name
    {
        read -r total passed failed skipped
        while IFS= read -r name; do FAILED_TESTS+=("$project: $name"); done
    } < <(trx_read "$RESULTS/$trx")
    TOTAL_PASSED=$((TOTAL_PASSED + passed))
    TOTAL_FAILED=$((TOTAL_FAILED + failed))
    TOTAL_SKIPPED=$((TOTAL_SKIPPED + skipped))
    echo "    $project: total=$total pass=$passed fail=$failed skipped=$skipped"
    if [[ $rc -ne 0 && $failed -eq 0 ]]; then
        step_failed "$project: test run aborted (exit $rc with no failing test: crash or hang? see ${RESULTS#"$ROOT"/}/$project.log)"
    elif [[ $total -eq 0 ]]; then
        if [[ -z "$FILTER" ]] && has_tests "$project"; then
            step_failed "$project has test methods but ran none"
        else
            echo "    ($project: no tests${FILTER:+ match the filter})"
        fi
    fi
}

run_dotnet_tests CollabApp.Tests
run_dotnet_tests CollabApp.E2E

finish
