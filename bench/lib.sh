# Shared by bench/run.sh and bench/chat.sh (sourced, not run): the options both take and where their results go.

# bench_option ARGS...: handles one of the options both benchmarks take (--connectmock-project PATH, --env NAME=VALUE,
# --results DIR, -h/--help, or a bare results directory), setting CONNECTMOCK_PROJECT, CONNECTMOCK_ENV or RESULTS;
# sets BENCH_USED to how many arguments it took. Anything else is an unknown argument: exits 2.
bench_option() {
  BENCH_USED=1
  case "$1" in
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
