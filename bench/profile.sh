#!/usr/bin/env bash
# Profiles one server under the benchmark's load, for finding hot spots (not part of the one-command benchmark).
#
#   bash bench/profile.sh [connectmock|baseline] [unique|fixed] [SECONDS] [OUT_DIR]
#
# Builds nothing: run bench/run.sh (or --smoke) once first, it publishes both apps into .artifacts/bench/build.
# While wrk drives the server (after a 5 s warm-up) it records:
#   cpu.txt       CPU time per request (utime + stime of the server from /proc/PID/stat)
#   counters.csv  dotnet-counters (System.Runtime): allocation rate, GC counts and pause time, thread pool
#   perf.txt      perf sampling (cpu-clock, with the runtime's perf map for JIT-compiled code), top symbols
#   gc.txt        with GC=1: every GC pause of the window (runtime GC events through dotnet-trace), per generation:
#                 count, median, p90 and max pause, bytes promoted; the source of the latency tail
# Extra environment for the server can be given as ENV_* variables, e.g. ENV_Serilog__MinimumLevel__Default=Warning.
# PERF=0 skips perf (for A/B runs of CPU and allocations per request); BUILD=DIR profiles apps published elsewhere.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. "$ROOT/tests/tools/lib.sh"
SERVER=${1:-connectmock} MODE=${2:-unique} SECONDS_=${3:-20}
OUT=${4:-$ROOT/.artifacts/bench/profile-$SERVER-$MODE}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
BUILD=${BUILD:-$ROOT/.artifacts/bench/build}
PERF=${PERF:-1} GC=${GC:-0}
export PATH=$PATH:$HOME/.dotnet/tools

ensure_debian_packages wrk linux-perf python3 curl
command -v dotnet-counters > /dev/null || dotnet tool install -g dotnet-counters > /dev/null
[ "$GC" = 0 ] || command -v dotnet-trace > /dev/null || dotnet tool install -g dotnet-trace > /dev/null
case "$SERVER" in
  connectmock) EXE=$(find "$BUILD/connectmock" -maxdepth 1 -type f -executable -name 'ConnectMock*' | head -1) ;;
  baseline) EXE=$BUILD/baseline/ConnectMock.Bench.Baseline ;;
  *) echo "server must be connectmock or baseline" >&2; exit 2 ;;
esac
[ -x "$EXE" ] || { echo "no published $SERVER in $BUILD: run bash bench/run.sh --smoke first" >&2; exit 1; }

EXTRA_ENV=()
while IFS='=' read -r name value; do
  [ -n "$name" ] && EXTRA_ENV+=("${name#ENV_}=$value")
done < <(env | grep '^ENV_' || true)

PORT=$(free_port)
printf '%s' '{"InstanceId":"11111111-2222-3333-4444-555555555555","ContactFlowId":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","ParticipantDetails":{"DisplayName":"Jane Doe"},"ClientToken":"bench-start-probe"}' > "$OUT/probe.json"
read -r PID START_MS < <(env -u ASPNETCORE_URLS ASPNETCORE_ENVIRONMENT=Production DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 "${EXTRA_ENV[@]}" \
  python3 bench/tools/serve.py "$SERVER" "$(dirname "$EXE")" "$OUT/server.log" "$PORT" "$OUT/probe.json" 30 -- \
  "$EXE" --urls "http://127.0.0.1:$PORT")
trap 'kill $PID 2>/dev/null || true' EXIT
log "profile: $SERVER (pid $PID, started in $START_MS ms), mode $MODE, ${SECONDS_}s"

wrk -t1 -c32 -d5s -s bench/wrk/startchat.lua "http://127.0.0.1:$PORT" -- "$MODE" "pw$(date +%s)" > /dev/null
ticks() { awk '{ print $14 + $15 }' "/proc/$PID/stat"; }
t0=$(ticks)
dotnet-counters collect -p "$PID" --counters System.Runtime --format csv -o "$OUT/counters.csv" \
  --duration "00:00:00:$(printf '%02d' "$SECONDS_")" > /dev/null 2>&1 &
COUNTERS=$!
PERF_PID="" TRACE_PID=""
if [ "$GC" != 0 ]; then
  # GC keyword (0x1) at informational level: one start/end pair per collection, cheap enough not to move the pauses.
  dotnet-trace collect -p "$PID" --providers Microsoft-Windows-DotNETRuntime:0x1:4 -o "$OUT/gc.nettrace" \
    --duration "00:00:00:$(printf '%02d' "$SECONDS_")" > /dev/null 2>&1 &
  TRACE_PID=$!
fi
if [ "$PERF" = 1 ]; then
  perf record -F 499 -g -e cpu-clock -p "$PID" -o "$OUT/perf.data" -- sleep "$SECONDS_" > /dev/null 2>&1 &
  PERF_PID=$!
fi
wrk -t1 -c32 -d"${SECONDS_}s" -s bench/wrk/startchat.lua "http://127.0.0.1:$PORT" -- "$MODE" "pm$(date +%s)" check \
  | tee "$OUT/wrk.txt" | grep '^BENCH'
t1=$(ticks)
[ -z "$PERF_PID" ] || wait "$PERF_PID" || true
[ -z "$TRACE_PID" ] || wait "$TRACE_PID" || true
wait "$COUNTERS" || true
requests=$(sed -n 's/^BENCH requests=\([0-9]*\).*/\1/p' "$OUT/wrk.txt")
hz=$(getconf CLK_TCK)
{
  echo "requests: $requests"
  echo "server CPU: $(( (t1 - t0) * 1000 / hz )) ms"
  awk -v t=$((t1 - t0)) -v hz="$hz" -v n="$requests" 'BEGIN { printf "CPU per request: %.1f us\n", t * 1e6 / hz / n }'
  grep -E 'VmHWM|VmRSS' "/proc/$PID/status"
  awk -F, -v n="$requests" '$3 ~ /total_allocated/ { a += $5 } $3 ~ /gc.pause.time/ { p += $5 }
    $3 ~ /gc.collections/ { split($3, g, "generation="); c[substr(g[2], 1, 4)] += $5 }
    END { printf "allocated per request: %.0f B\nGC pause: %.2f s; collections gen0 %d, gen1 %d, gen2 %d\n", a / n, p, c["gen0"], c["gen1"], c["gen2"] }' \
    "$OUT/counters.csv"
} | tee "$OUT/cpu.txt"
if [ "$GC" != 0 ]; then
  dotnet run -c Release --project bench/ConnectMock.Benchmarks -- gc "$OUT/gc.nettrace" | tee "$OUT/gc.txt"
fi
[ "$PERF" = 1 ] || exit 0
perf report -i "$OUT/perf.data" --no-children --sort symbol --stdio 2> /dev/null | grep -v '^$' | grep -v '^#' \
  | grep -E '^ +[0-9]' | head -80 > "$OUT/perf.txt" || true
perf report -i "$OUT/perf.data" --no-children --sort dso --stdio 2> /dev/null | grep -E '^ +[0-9]' | head -20 > "$OUT/perf-dso.txt" || true
log "profile: results in $OUT"
