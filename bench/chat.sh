#!/usr/bin/env bash
# ConnectMock's chat workload: open chats, messages, churn and transcripts, against ConnectMock and a bare ASP.NET
# Core WebSocket server (bench/ChatBaseline) in one run. The load client is bench/ChatLoad (.NET's ClientWebSocket
# and HttpClient), opening each chat as amazon-connect-chatjs does.
#
#   bash bench/chat.sh               the full workload (about 15 minutes): 2 alternating rounds of open chats and
#                                    messages per server, then churn, GetTranscript timings and allocations
#   bash bench/chat.sh --smoke       a short end-to-end check (small numbers, no targets asserted; fails on errors), on
#                                    the plain Release build rather than the composite ReadyToRun publish; includes --redis
#   bash bench/chat.sh --redis --rounds 1 --stages 1000,5000 --no-churn --no-transcript
#                                    adds connectmock-redis, the same ConnectMock on the Redis store (a private
#                                    redis-server: free port, no persistence, FLUSHALL before each start), to the
#                                    rounds; reports what Redis adds per message and Redis's CPU per SendMessage
#
# Options: --rounds N (2)  --stages A,B,C (1000,5000,10000)  --idle SECONDS (20)  --bots N (200)  --rate R (500)
#          --rate-seconds S (20)  --ladder-seconds S (6)  --churn-seconds S (120)  --churn-warmup S (30)
#          --no-churn  --no-transcript  --only-connectmock
#          --no-build (reuse the last build in .artifacts/bench/chat-work/build, e.g. one made before a quiet window)
#          --connectmock-project PATH (another ConnectMock .csproj)
#          --env NAME=VALUE (extra environment for ConnectMock only, repeatable)
#          --redis (the third server, connectmock-redis, in the rounds of open chats and messages; churn and
#          GetTranscript stay in-memory only)
#          --results DIR (default .artifacts/bench/chat; a bare last directory argument works too, as tests/run.sh
#          passes it)
# Results: DIR gets summary.md (the tables and the targets), runs.tsv (every figure of every run), the load client's
# and the servers' logs (with --redis also redis.log; Redis's figures are in runs.tsv as redis_*); with --smoke also
# chat-smoke.xml (JUnit).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. "$ROOT/tests/tools/lib.sh"
. "$ROOT/bench/lib.sh"

ROUNDS=2 STAGES=1000,5000,10000 IDLE=20 SETTLE=5 BOTS=200 RATE=500 RATE_SECONDS=20 LADDER_SECONDS=6 LADDER_MAX=20000
CHURN=1 CHURN_SECONDS=120 CHURN_WARMUP=30 CHURN_WORKERS=16 CHURN_MAX_CONTACTS=5000
TRANSCRIPT=1 TRANSCRIPT_ITEMS=1000 TRANSCRIPT_CALLS=2000 ALLOCATION_CALLS=2000
SMOKE=0 BUILD_FIRST=1 ONLY_CONNECTMOCK=0
RESULTS=""
CONNECTMOCK_PROJECT=src/ConnectMock/ConnectMock.csproj
CONNECTMOCK_ENV=()

while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1 ROUNDS=1 STAGES=50,200 IDLE=2 SETTLE=1 BOTS=20 RATE=100 RATE_SECONDS=2 LADDER_SECONDS=1 LADDER_MAX=400
             CHURN_SECONDS=8 CHURN_WARMUP=2 CHURN_WORKERS=4 TRANSCRIPT_ITEMS=100 TRANSCRIPT_CALLS=100 ALLOCATION_CALLS=100
             REDIS=1 ;;
    --rounds) ROUNDS=$2; shift ;;
    --stages) STAGES=$2; shift ;;
    --idle) IDLE=$2; shift ;;
    --bots) BOTS=$2; shift ;;
    --rate) RATE=$2; shift ;;
    --rate-seconds) RATE_SECONDS=$2; shift ;;
    --ladder-seconds) LADDER_SECONDS=$2; shift ;;
    --churn-seconds) CHURN_SECONDS=$2; shift ;;
    --churn-warmup) CHURN_WARMUP=$2; shift ;;
    --no-churn) CHURN=0 ;;
    --no-transcript) TRANSCRIPT=0 ;;
    --only-connectmock) ONLY_CONNECTMOCK=1 ;;
    --no-build) BUILD_FIRST=0 ;;
    *) bench_option "$@"; shift $((BENCH_USED - 1)) ;;
  esac
  shift
done

bench_results "$ROOT/.artifacts/bench/chat"
bench_work "$ROOT/.artifacts/bench/chat-work"
rm -f "$RESULTS/runs.tsv" "$RESULTS/summary.md" "$RESULTS/chat-smoke.xml" "$RESULTS"/chatload-*.log
if [ "$ONLY_CONNECTMOCK" = 1 ]; then bench_servers connectmock; else bench_servers connectmock baseline; fi

LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

fail() {
  log "chat bench: FAILED: $1"
  [ "$SMOKE" = 1 ] && junit_case "$RESULTS/chat-smoke.xml" chat-smoke "chat workload runs end to end" "$1"
  exit 1
}

ensure_debian_packages curl python3 || fail "could not install curl and python3"

# 10,000 chats hold 10,000 server sockets and as many client ones, each process under its own limit.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# ---- build -------------------------------------------------------------------------------------------------
build() {
log "chat bench: building ConnectMock ($CONNECTMOCK_PROJECT), the chat baseline and the load client (Release)"
rm -rf "$BUILD"
bench_publish connectmock "$CONNECTMOCK_PROJECT" ConnectMock
bench_publish baseline bench/ChatBaseline/ConnectMock.Bench.ChatBaseline.csproj "the chat baseline"
bench_publish load bench/ChatLoad/ConnectMock.Bench.ChatLoad.csproj "the load client"
if [ "$TRANSCRIPT" = 1 ]; then
  dotnet build bench/ConnectMock.Benchmarks -c Release -nologo -v quiet > "$WORK/build-micro.log" 2>&1 \
    || { tail -30 "$WORK/build-micro.log" >&2; fail "the benchmarks project did not build (see $WORK/build-micro.log)"; }
fi
git describe --always --dirty > "$BUILD/commit" 2>/dev/null || echo unknown > "$BUILD/commit"
}
if [ "$BUILD_FIRST" = 1 ] || [ ! -f "$BUILD/commit" ]; then build; fi
CONNECTMOCK_EXE=$BUILD/connectmock/$(basename "$CONNECTMOCK_PROJECT" .csproj)
BASELINE_EXE=$BUILD/baseline/ConnectMock.Bench.ChatBaseline
LOAD_EXE=$BUILD/load/ConnectMock.Bench.ChatLoad

PROBE_BODY=$WORK/probe-body.json
printf '%s' '{"InstanceId":"11111111-2222-3333-4444-555555555555","ContactFlowId":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","ParticipantDetails":{"DisplayName":"Jane Doe"},"ClientToken":"chat-bench-start-probe"}' > "$PROBE_BODY"

bench_redis_start

# start_server NAME [NAME=VALUE...]: a fresh server on a free port (Production settings, ConnectMock's default
# logging into a file); sets PID and PORT. ConnectMock takes more sockets than its default cap of 10,000: the
# workload holds 10,000 customers' sockets and the bots' besides. connectmock-redis is the same build on the Redis
# store, emptied first.
start_server() {
  local name=$1 exe extra=()
  shift
  case "$name" in
    connectmock) exe=$CONNECTMOCK_EXE extra=(ConnectMock__Chat__MaxOpenSockets=20000 "${CONNECTMOCK_ENV[@]}" "$@") ;;
    connectmock-redis)
      bench_redis_env
      exe=$CONNECTMOCK_EXE extra=(ConnectMock__Chat__MaxOpenSockets=20000 "${CONNECTMOCK_ENV[@]}" "${REDIS_ENV[@]}" "$@") ;;
    *) exe=$BASELINE_EXE ;;
  esac
  PORT=$(free_port)
  out=$(env -u ASPNETCORE_URLS -u DOTNET_ENVIRONMENT -u ASPNETCORE_HTTP_PORTS ASPNETCORE_ENVIRONMENT=Production "${extra[@]}" \
    python3 bench/tools/serve.py "$name" "$(dirname "$exe")" "$RESULTS/$name.log" "$PORT" "$PROBE_BODY" 30 -- \
    "$exe" --urls "http://127.0.0.1:$PORT") || fail "$name did not start (see $RESULTS/$name.log)"
  read -r PID _ <<< "$out"
  SERVER_PIDS+=("$PID")
}

stop_server() {
  kill "$PID" 2>/dev/null || true
  local i
  for i in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.05; done
  kill -9 "$PID" 2>/dev/null || true
  # Keep the tail of the log only: a run logs a line per request.
  tail -n 300 "$RESULTS/$SERVER.log" > "$RESULTS/$SERVER.log.tail" && mv "$RESULTS/$SERVER.log.tail" "$RESULTS/$SERVER.log"
}

# load ROUND COMMAND ARGS...: runs the load client against the running server; its figures go to runs.tsv.
load() {
  local round=$1 command=$2 logfile
  shift 2
  logfile=$RESULTS/chatload-$round-$command-$SERVER.log
  if ! "$LOAD_EXE" "$command" --url "http://127.0.0.1:$PORT/" --pid "$PID" "$@" > "$logfile.out" 2> "$logfile"; then
    tail -20 "$logfile" >&2
    awk -v r="$round" -v s="$SERVER" '$1 == "RESULT" { print r "\t" s "\t" $2 "\t" $3 }' "$logfile.out" >> "$RESULTS/runs.tsv"
    fail "the $command workload against $SERVER failed (see $logfile)"
  fi
  awk -v r="$round" -v s="$SERVER" '$1 == "RESULT" { print r "\t" s "\t" $2 "\t" $3 }' "$logfile.out" >> "$RESULTS/runs.tsv"
  rm -f "$logfile.out"
}

printf 'round\tserver\tname\tvalue\n' > "$RESULTS/runs.tsv"

# ---- open chats and messages: alternating rounds ------------------------------------------------------------
for round in $(seq "$ROUNDS"); do
  bench_order "$round"
  for SERVER in "${ORDER[@]}"; do
    log "chat bench: round $round, $SERVER: open chats ($STAGES), idle ${IDLE}s each, $BOTS bots, $RATE msg/s for ${RATE_SECONDS}s, then the rate ladder"
    start_server "$SERVER"
    # connectmock-redis: the load client reads Redis's CPU time over each window (per SendMessage at the fixed rate);
    # INFO commandstats over the whole run says which commands it went to.
    redis_pid=()
    if [ "$SERVER" = connectmock-redis ]; then redis_pid=(--redis-pid "$REDIS_SERVER_PID"); bench_redis_snapshot "$WORK/redis-before"; fi
    load "$round" chats --stages "$STAGES" --idle "$IDLE" --settle "$SETTLE" --bots "$BOTS" --rate "$RATE" \
      --rate-seconds "$RATE_SECONDS" --ladder-seconds "$LADDER_SECONDS" --ladder-max "$LADDER_MAX" --run "r$round" \
      "${redis_pid[@]}"
    if [ "$SERVER" = connectmock-redis ]; then
      bench_redis_snapshot "$WORK/redis-after"
      python3 bench/tools/redis_cost.py "$WORK/redis-before" "$WORK/redis-after" \
        | awk -v r="$round" '{ print r "\tconnectmock-redis\tredis_" $1 "\t" $2 }' >> "$RESULTS/runs.tsv"
    fi
    grep -E 'idle at|rate_|ladder' "$RESULTS/chatload-$round-chats-$SERVER.log" | sed 's/^/    /' >&2 || true
    stop_server
  done
done

# ---- churn: ConnectMock, its store bounded low enough that the warm-up fills it -------------------------------
if [ "$CHURN" = 1 ]; then
  SERVER=connectmock
  log "chat bench: churn, ${CHURN_SECONDS}s (${CHURN_WARMUP}s warm-up), $CHURN_WORKERS workers, store bound $CHURN_MAX_CONTACTS contacts"
  start_server connectmock "ConnectMock__Store__MaxContacts=$CHURN_MAX_CONTACTS"
  load churn churn --seconds "$CHURN_SECONDS" --warmup "$CHURN_WARMUP" --workers "$CHURN_WORKERS"
  grep -E 'churn' "$RESULTS/chatload-churn-churn-$SERVER.log" | tail -3 | sed 's/^/    /' >&2 || true
  stop_server
fi

# ---- GetTranscript: latency over HTTP, then allocations per call in process -------------------------------------
if [ "$TRANSCRIPT" = 1 ]; then
  SERVER=connectmock
  log "chat bench: GetTranscript on a $TRANSCRIPT_ITEMS-message chat and a short one"
  start_server connectmock
  load transcript transcript --items "$TRANSCRIPT_ITEMS" --calls "$TRANSCRIPT_CALLS"
  stop_server
  log "chat bench: GetTranscript allocations (in process)"
  dotnet bench/ConnectMock.Benchmarks/bin/Release/net10.0/ConnectMock.Benchmarks.dll transcript "$TRANSCRIPT_ITEMS" "$ALLOCATION_CALLS" \
    > "$RESULTS/transcript-allocations.out" 2> "$RESULTS/transcript-allocations.log" \
    || { tail -20 "$RESULTS/transcript-allocations.log" >&2; fail "the GetTranscript allocation loop failed"; }
  awk '$1 == "RESULT" { print "transcript\tconnectmock\t" $2 "\t" $3 }' "$RESULTS/transcript-allocations.out" >> "$RESULTS/runs.tsv"
fi

# ---- report --------------------------------------------------------------------------------------------------
{
  echo "# ConnectMock chat workload, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- Machine: $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(free -g | awk '/^Mem:/ { print $2 }') GiB"
  echo "- .NET: SDK $(dotnet --version); ConnectMock built at $(cat "$BUILD/commit") ($CONNECTMOCK_PROJECT${CONNECTMOCK_ENV[*]:+, environment ${CONNECTMOCK_ENV[*]}})"
  echo "- Load average (1, 5, 15 min) at start: $LOAD_AT_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  [ "$REDIS" = 0 ] || echo "- connectmock-redis: the same build, ConnectMock__Store__Provider=Redis, on $(redis-server --version | cut -d' ' -f3) (loopback, no persistence, FLUSHALL before each start)"
  echo "- Settings: $ROUNDS round(s); stages $STAGES, idle ${IDLE}s after ${SETTLE}s; $BOTS chats with a bot; $RATE msg/s for ${RATE_SECONDS}s; ladder steps ${LADDER_SECONDS}s; churn ${CHURN_SECONDS}s (warm-up ${CHURN_WARMUP}s, $CHURN_WORKERS workers, store bound $CHURN_MAX_CONTACTS)"
  echo
  python3 bench/tools/chat_report.py "$RESULTS/runs.tsv" $([ "$SMOKE" = 1 ] && echo --no-targets)
} > "$RESULTS/summary.md" || fail "could not summarise the results"
cat "$RESULTS/summary.md"
log "chat bench: results in $RESULTS"
[ "$SMOKE" = 1 ] && junit_case "$RESULTS/chat-smoke.xml" chat-smoke "chat workload runs end to end"
exit 0
