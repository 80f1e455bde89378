# Shared by bench/run.sh and bench/chat.sh (sourced, not run): the options both take and where their results go.

# bench_option ARGS...: handles one of the options both benchmarks take (--connectmock-project PATH, --env NAME=VALUE,
# --redis, --results DIR, -h/--help, or a bare results directory), setting CONNECTMOCK_PROJECT, CONNECTMOCK_ENV,
# REDIS or RESULTS; sets BENCH_USED to how many arguments it took. Anything else is an unknown argument: exits 2.
REDIS=0
bench_option() {
  BENCH_USED=1
  case "$1" in
    --redis) REDIS=1 ;;
    --connectmock-project) CONNECTMOCK_PROJECT=$2 BENCH_USED=2 ;;
    --env) CONNECTMOCK_ENV+=("$2"); BENCH_USED=2 ;;
    --results)
      # tests/run.sh appends the directory after --results; a missing one falls back to the default.
      if [ $# -ge 2 ] && [ "${2#--}" = "$2" ]; then RESULTS=$2 BENCH_USED=2; fi ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *)
      if [ -z "$RESULTS" ] && [ "${1#--}" = "$1" ]; then RESULTS=$1
      else echo "bench/$(basename "$0"): unknown argument '$1' (see --help)" >&2; exit 2; fi ;;
  esac
}

# bench_results DEFAULT: RESULTS (DEFAULT when no option set it) created and made absolute.
bench_results() {
  RESULTS=${RESULTS:-$1}
  mkdir -p "$RESULTS"
  RESULTS=$(cd "$RESULTS" && pwd)
}

# The servers a benchmark started (their pids in SERVER_PIDS) are stopped when it exits, whatever the reason.
SERVER_PIDS=()
bench_stop_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -z "${REDIS_SERVER_PID:-}" ] || stop_pid "$REDIS_SERVER_PID"
}
trap bench_stop_servers EXIT

# bench_work DIR: WORK=DIR, created; BUILD, where bench_publish puts the programs: DIR/build, or DIR/build-smoke with
# --smoke, so that a smoke run never replaces the build a full run measures (chat.sh --no-build reuses it).
bench_work() {
  WORK=$1
  BUILD=$WORK/build
  [ "$SMOKE" = 1 ] && BUILD=$WORK/build-smoke
  mkdir -p "$WORK"
}

# bench_publish NAME PROJECT WHAT: dotnet publish -c Release of PROJECT into $BUILD/NAME, its output in
# $WORK/build-NAME.log; on failure prints the log's tail and calls the script's fail, saying WHAT did not build.
# A full run publishes as users do (ConnectMock: self-contained, composite ReadyToRun, about 3 minutes here). --smoke
# publishes the plain framework-dependent Release build (-p:PublishReadyToRun=false, seconds after the dotnet suite
# built it): the smoke runs assert no figure, only that the workloads complete without errors, which does not depend
# on how the code was compiled (docs/benchmark.md).
bench_publish() {
  local name=$1 project=$2 what=$3 smoke=()
  [ "$SMOKE" = 1 ] && smoke=(-p:PublishReadyToRun=false)
  dotnet publish "$project" -c Release -o "$BUILD/$name" "${smoke[@]}" -nologo -v quiet > "$WORK/build-$name.log" 2>&1 \
    || { tail -30 "$WORK/build-$name.log" >&2; fail "$what did not build (see $WORK/build-$name.log)"; }
}

# ---- --redis: a third server, connectmock-redis, the same ConnectMock on the Redis store (docs/scale-out.md) -------

# bench_servers FIRST SECOND: SERVERS=(FIRST SECOND), plus connectmock-redis with --redis.
bench_servers() {
  SERVERS=("$@")
  [ "$REDIS" = 1 ] && SERVERS+=(connectmock-redis)
  return 0
}

# bench_order ROUND: ORDER, the servers in the order this round runs them: SERVERS in odd rounds, reversed in even
# ones, so that drift on a shared machine hits every server alike.
bench_order() {
  local i
  ORDER=()
  if [ $(($1 % 2)) = 1 ]; then ORDER=("${SERVERS[@]}")
  else for ((i = ${#SERVERS[@]} - 1; i >= 0; i--)); do ORDER+=("${SERVERS[$i]}"); done; fi
}

# bench_redis_start: with --redis, the private redis-server connectmock-redis uses (tests/tools/lib.sh: loopback, a
# free port, no persistence), stopped when the benchmark exits; its log in $RESULTS/redis.log.
bench_redis_start() {
  [ "$REDIS" = 1 ] || return 0
  ensure_debian_packages redis-server || fail "could not install redis-server"
  start_redis_server "$WORK/redis" "$RESULTS/redis.log" || fail "redis-server did not answer PING (see $RESULTS/redis.log)"
  log "bench: $(redis-server --version | cut -d' ' -f1-3) on port $REDIS_SERVER_PORT (no persistence)"
}

# bench_redis_env: the environment that turns connectmock-redis's store to Redis; FLUSHALLs first, so that every
# start of connectmock-redis begins as empty as an in-memory one.
bench_redis_env() {
  [ "$(redis-cli -p "$REDIS_SERVER_PORT" flushall)" = OK ] || fail "redis-server did not answer FLUSHALL"
  REDIS_ENV=(ConnectMock__Store__Provider=Redis "ConnectMock__Store__Redis__Configuration=127.0.0.1:$REDIS_SERVER_PORT")
}

# bench_redis_snapshot FILE: Redis's CPU time so far and its per-command counters (INFO cpu, INFO commandstats), for
# bench/tools/redis_cost.py to subtract.
bench_redis_snapshot() {
  redis-cli -p "$REDIS_SERVER_PORT" info cpu > "$1" && redis-cli -p "$REDIS_SERVER_PORT" info commandstats >> "$1" \
    || fail "could not read INFO from redis-server"
}
