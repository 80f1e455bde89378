#!/usr/bin/env bash
# ConnectMock's load benchmark: ConnectMock against a bare ASP.NET Core endpoint, side by side in one run.
#
#   bash bench/run.sh                  the full benchmark (about 15 minutes): 5 alternating rounds, both modes,
#                                      start times, then the memory-growth check (200k vs 2M unique requests)
#   bash bench/run.sh --smoke          a short end-to-end check that the benchmark works (no targets asserted), on the
#                                      plain Release build rather than the composite ReadyToRun publish; includes --redis
#   bash bench/run.sh --redis --rounds 3 --no-memory
#                                      adds connectmock-redis, the same ConnectMock on the Redis store (a private
#                                      redis-server: free port, no persistence, FLUSHALL before each start), to the
#                                      rounds; reports what Redis adds per call and Redis's CPU per StartChatContact
#   bash bench/run.sh --micro [ARGS]   the BenchmarkDotNet micro-benchmarks (ARGS go to BenchmarkDotNet,
#                                      default --filter '*')
#
# Options: --rounds N (5)  --duration SECONDS (10)  --warmup SECONDS (10)  --connections N (32)  --threads N (1)
#          --no-memory  --memory-only  --memory-requests SMALL,LARGE (200000,2000000)
#          --pin (wrk on CPU 0, the server on CPU 1)
#          --connectmock-project PATH (another ConnectMock .csproj, e.g. a prototype)
#          --env NAME=VALUE (extra environment for ConnectMock only, repeatable, e.g. DOTNET_gcServer=0)
#          --redis (the third server, connectmock-redis)  --results DIR
# Results: DIR (default .artifacts/bench/latest) gets summary.md (the tables), runs.tsv (every run) and the
# server logs of the last run; with --redis also redis.tsv (Redis's CPU time and commands in each measured run) and
# redis.log; with --smoke also bench-smoke.xml (JUnit). The last directory argument may also be
# given bare, as tests/run.sh does: bash bench/run.sh --smoke --results DIR.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. "$ROOT/tests/tools/lib.sh"
. "$ROOT/bench/lib.sh"

ROUNDS=5 DURATION=10 WARMUP=10 CONNECTIONS=32 THREADS=1
SMOKE=0 MICRO=0 MEMORY=1 LOAD=1 PIN=0
MEMORY_SMALL=200000 MEMORY_LARGE=2000000
RESULTS=""
CONNECTMOCK_PROJECT=src/ConnectMock/ConnectMock.csproj
MICRO_ARGS=()
CONNECTMOCK_ENV=()

while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1; ROUNDS=1; DURATION=2; WARMUP=1; MEMORY=0; REDIS=1 ;;
    --micro) MICRO=1; shift; MICRO_ARGS=("$@"); break ;;
    --rounds) ROUNDS=$2; shift ;;
    --duration) DURATION=${2%s}; shift ;;
    --warmup) WARMUP=${2%s}; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    --no-memory) MEMORY=0 ;;
    --memory-only) LOAD=0; MEMORY=1 ;;
    --memory-requests) MEMORY_SMALL=${2%,*} MEMORY_LARGE=${2#*,}; shift ;;
    --pin) PIN=1 ;;
    *) bench_option "$@"; shift $((BENCH_USED - 1)) ;;
  esac
  shift
done

if [ "$MICRO" = 1 ]; then
  [ ${#MICRO_ARGS[@]} -gt 0 ] || MICRO_ARGS=(--filter '*')
  exec dotnet run -c Release --project bench/ConnectMock.Benchmarks -- "${MICRO_ARGS[@]}"
fi

bench_results "$ROOT/.artifacts/bench/latest"
bench_work "$ROOT/.artifacts/bench"
rm -f "$RESULTS/runs.tsv" "$RESULTS/logged.tsv" "$RESULTS/redis.tsv" "$RESULTS/summary.md" "$RESULTS/bench-smoke.xml"

FAILURE=""
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

# fail MESSAGE: the benchmark could not produce valid numbers. Loud: message, JUnit failure in smoke mode, exit 1.
fail() {
  FAILURE=$1
  log "bench: FAILED: $FAILURE"
  [ "$SMOKE" = 1 ] && junit_case "$RESULTS/bench-smoke.xml" bench-smoke "load benchmark runs end to end" "$FAILURE"
  exit 1
}

ensure_debian_packages wrk curl python3 || fail "could not install wrk, curl and python3"
command -v wrk >/dev/null || fail "wrk is not installed"

# ---- build -------------------------------------------------------------------------------------------------
log "bench: building ConnectMock ($CONNECTMOCK_PROJECT) and the baseline (Release)"
rm -rf "$BUILD"
bench_publish connectmock "$CONNECTMOCK_PROJECT" ConnectMock
bench_publish baseline bench/Baseline/ConnectMock.Bench.Baseline.csproj "the baseline"
CONNECTMOCK_EXE=$BUILD/connectmock/$(basename "$CONNECTMOCK_PROJECT" .csproj)
BASELINE_EXE=$BUILD/baseline/ConnectMock.Bench.Baseline
[ -x "$CONNECTMOCK_EXE" ] && [ -x "$BASELINE_EXE" ] || fail "published executables not found in $BUILD"

# A valid request for the start-time probe (the load itself comes from bench/wrk/startchat.lua).
PROBE_BODY=$WORK/probe-body.json
printf '%s' '{"InstanceId":"11111111-2222-3333-4444-555555555555","ContactFlowId":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","ParticipantDetails":{"DisplayName":"Jane Doe"},"ClientToken":"bench-start-probe"}' > "$PROBE_BODY"

WRK_PIN=() SERVER_PIN=()
if [ "$PIN" = 1 ]; then WRK_PIN=(taskset -c 0) SERVER_PIN=(taskset -c 1); fi

bench_servers connectmock baseline
bench_redis_start

# start_server NAME: starts a fresh NAME (connectmock|baseline|connectmock-redis) on a free port, Production settings;
# sets PID, PORT, START_MS. ConnectMock keeps its default logging (appsettings.json, Information, console) into a log
# file; connectmock-redis is the same build on the Redis store, emptied first.
start_server() {
  local name=$1 exe dir out extra=()
  case "$name" in
    connectmock) exe=$CONNECTMOCK_EXE extra=("${CONNECTMOCK_ENV[@]}") ;;
    connectmock-redis) bench_redis_env; exe=$CONNECTMOCK_EXE extra=("${CONNECTMOCK_ENV[@]}" "${REDIS_ENV[@]}") ;;
    *) exe=$BASELINE_EXE ;;
  esac
  dir=$(dirname "$exe")
  PORT=$(free_port)
  out=$(env -u ASPNETCORE_URLS -u DOTNET_ENVIRONMENT -u ASPNETCORE_HTTP_PORTS ASPNETCORE_ENVIRONMENT=Production "${extra[@]}" \
    python3 bench/tools/serve.py "$name" "$dir" "$RESULTS/$name.log" "$PORT" "$PROBE_BODY" 30 -- \
    "${SERVER_PIN[@]}" "$exe" --urls "http://127.0.0.1:$PORT") || fail "$name did not start (see $RESULTS/$name.log)"
  read -r PID START_MS <<< "$out"
  SERVER_PIDS+=("$PID")
}

stop_server() {
  kill "$PID" 2>/dev/null || true
  local i
  for i in $(seq 100); do kill -0 "$PID" 2>/dev/null || return 0; sleep 0.05; done
  kill -9 "$PID" 2>/dev/null || true
}

# run_wrk MODE RUN_ID SECONDS: drives PUT /contact/chat against PORT; sets the BENCH_* fields of its result line.
run_wrk() {
  local mode=$1 run_id=$2 seconds=$3 out line
  out=$("${WRK_PIN[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s bench/wrk/startchat.lua \
    "http://127.0.0.1:$PORT" -- "$mode" "$run_id" check 2>&1) || fail "wrk failed: $out"
  line=$(grep '^BENCH ' <<< "$out" | tail -1)
  [ -n "$line" ] || fail "wrk printed no numbers: $out"
  BENCH_LINE=${line#BENCH }
  local key value
  for kv in $BENCH_LINE; do key=${kv%%=*} value=${kv#*=}; printf -v "BENCH_$key" '%s' "$value"; done
  [ "${BENCH_requests:-0}" -gt 0 ] || fail "wrk completed no request ($mode, port $PORT)"
  [ "$BENCH_non200" = 0 ] && [ "$BENCH_status_errors" = 0 ] \
    || fail "non-200 responses during the $mode run: $BENCH_non200 (wrk's 4xx/5xx count: $BENCH_status_errors)"
}

# count_logged NAME: request log lines in NAME's log (the async sink drops lines when its buffer is full), then
# keeps only the log's tail, so that millions of lines do not fill the disk.
count_logged() {
  local file=$RESULTS/$1.log n
  n=$(grep -c ' responded ' "$file" || true)
  tail -n 200 "$file" > "$file.tail" && mv "$file.tail" "$file"
  echo "$n"
}

rss_kb() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }

machine() {
  echo "- Machine: $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(free -g | awk '/^Mem:/ { print $2 }') GiB"
  echo "- .NET: SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }'); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "- Load average (1, 5, 15 min) at start: $LOAD_AT_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Settings: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s after a ${WARMUP}s warm-up, $ROUNDS round(s), pinning $([ "$PIN" = 1 ] && echo 'wrk CPU 0, server CPU 1' || echo off)"
  echo "- ConnectMock: $CONNECTMOCK_PROJECT${CONNECTMOCK_ENV[*]:+, environment ${CONNECTMOCK_ENV[*]}}"
  [ "$REDIS" = 0 ] || echo "- connectmock-redis: the same build, ConnectMock__Store__Provider=Redis, on $(redis-server --version | cut -d' ' -f3) (loopback, no persistence, FLUSHALL before each start)"
}

printf 'run\tsent\tlogged\n' > "$RESULTS/logged.tsv"
printf 'round\tmode\tserver\tstart_ms\trps\tp50_us\tp99_us\tmax_us\tpeak_rss_kb\trequests\tsocket_errors\n' > "$RESULTS/runs.tsv"
[ "$REDIS" = 0 ] || printf 'round\tmode\trequests\tname\tvalue\n' > "$RESULTS/redis.tsv"

# ---- load: alternating rounds -------------------------------------------------------------------------------
if [ "$LOAD" = 1 ]; then
  log "bench: $ROUNDS round(s), wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s (+${WARMUP}s warm-up) per server and mode"
  NONCE=$(date +%s)
  for round in $(seq "$ROUNDS"); do
    bench_order "$round"
    for mode in unique fixed; do
      for server in "${ORDER[@]}"; do
        start_server "$server"
        run_wrk "$mode" "w$NONCE-$round" "$WARMUP"
        sent=$((BENCH_requests + 1))
        # Redis's own cost of the measured run: its CPU time and its commands, per StartChatContact.
        [ "$server" = connectmock-redis ] && bench_redis_snapshot "$WORK/redis-before"
        run_wrk "$mode" "m$NONCE-$round" "$DURATION"
        sent=$((sent + BENCH_requests))
        if [ "$server" = connectmock-redis ]; then
          bench_redis_snapshot "$WORK/redis-after"
          python3 bench/tools/redis_cost.py "$WORK/redis-before" "$WORK/redis-after" \
            | awk -v r="$round" -v m="$mode" -v n="$BENCH_requests" '{ print r "\t" m "\t" n "\t" $1 "\t" $2 }' >> "$RESULTS/redis.tsv"
        fi
        peak=$(rss_kb "$PID" VmHWM)
        errors=$((BENCH_connect_errors + BENCH_read_errors + BENCH_write_errors + BENCH_timeouts))
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$mode" "$server" "$START_MS" "$BENCH_rps" \
          "$BENCH_p50_us" "$BENCH_p99_us" "$BENCH_max_us" "$peak" "$BENCH_requests" "$errors" >> "$RESULTS/runs.tsv"
        log "bench: round $round $mode $server: ${BENCH_rps} req/s, p50 ${BENCH_p50_us} us, p99 ${BENCH_p99_us} us, peak RSS $((peak / 1024)) MB, start ${START_MS} ms"
        stop_server
        logged=$(count_logged "$server")
        printf '%s\t%s\t%s\n' "$round $mode $server" "$sent" "$logged" >> "$RESULTS/logged.tsv"
      done
    done
  done
fi

# ---- memory growth: peak RSS after 200k vs 2M unique-token requests ----------------------------------------
MEMORY_LINE=""
if [ "$MEMORY" = 1 ]; then
  log "bench: memory growth: ConnectMock, unique tokens, peak RSS after $MEMORY_SMALL and after $MEMORY_LARGE requests"
  start_server connectmock
  total=0 chunk=0 small_rss="" small_at=0
  while [ "$total" -lt "$MEMORY_LARGE" ]; do
    chunk=$((chunk + 1))
    [ $((chunk % 12)) = 0 ] && log "bench: memory growth: $total requests so far, peak RSS $(( $(rss_kb "$PID" VmHWM) / 1024 )) MB"
    run_wrk unique "g$(date +%s)-$chunk" 5
    total=$((total + BENCH_requests))
    if [ -z "$small_rss" ] && [ "$total" -ge "$MEMORY_SMALL" ]; then small_rss=$(rss_kb "$PID" VmHWM) small_at=$total; fi
  done
  large_rss=$(rss_kb "$PID" VmHWM)
  MEMORY_LINE="$small_at $small_rss $total $large_rss"
  stop_server
  printf '%s\t%s\t%s\n' "memory connectmock" "$((total + 1))" "$(count_logged connectmock)" >> "$RESULTS/logged.tsv"
fi

# ---- report ----------------------------------------------------------------------------------------------------
{
  echo "# ConnectMock load benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  machine
  echo
  python3 bench/tools/report.py "$RESULTS/runs.tsv" "$RESULTS/logged.tsv" "$RESULTS/redis.tsv" $MEMORY_LINE
} > "$RESULTS/summary.md" || fail "could not summarise the results"
cat "$RESULTS/summary.md"
log "bench: results in $RESULTS"
[ "$SMOKE" = 1 ] && junit_case "$RESULTS/bench-smoke.xml" bench-smoke "load benchmark runs end to end"
exit 0
