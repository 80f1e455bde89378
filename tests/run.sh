#!/usr/bin/env bash
# Runs every test of ConnectMock: the README's test command, and what CI runs.
#
#   bash tests/run.sh                 every suite
#   bash tests/run.sh dotnet compat   only those suites
#
# Suites: dotnet (format check + xunit), compat (real AWS SDK/CLI clients against the real server), docker (the image,
# built and checked), packages (the NuGet packages packed, samples/ run against them, the dotnet tool installed from
# them), bench-smoke (short runs of the load benchmark and of the chat workload), cluster (the compat suite against
# three replicas on one Redis behind a round-robin HAProxy: docs/testing.md, "Cluster suite").
# Not in the default list: fuzz (the nightly-size mutation fuzz of every AWS operation, 100,000 inputs;
# CONNECTMOCK_FUZZ_INPUTS and CONNECTMOCK_FUZZ_SEED override the size and the seed, which a failure prints).
# Each suite installs what it needs (npm packages, Debian packages) and writes JUnit or TRX results
# under .artifacts/test-results/<suite>; the last line printed is "N passed, M failed".
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export RESULTS_DIR=${RESULTS_DIR:-$ROOT/.artifacts/test-results}
ALL_SUITES=(dotnet compat docker packages bench-smoke cluster)
SUITES=("$@")
[ ${#SUITES[@]} -gt 0 ] || SUITES=("${ALL_SUITES[@]}")

. "$ROOT/tests/tools/lib.sh"

rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
ensure_debian_packages python3
failed_suites=()

run_fuzz() {
  local out=$1 seed=${CONNECTMOCK_FUZZ_SEED:-$((RANDOM * 32768 + RANDOM))}
  log "fuzz: seed $seed, ${CONNECTMOCK_FUZZ_INPUTS:-100000} inputs"
  dotnet build ConnectMock.sln -c Release -nologo -v quiet >&2 || return 1
  CONNECTMOCK_FUZZ_INPUTS=${CONNECTMOCK_FUZZ_INPUTS:-100000} CONNECTMOCK_FUZZ_SEED=$seed \
    tests/ConnectMock.Tests/bin/Release/net10.0/ConnectMock.Tests \
    -class ConnectMock.Tests.Reliability.FuzzTests -result-junit "$out/fuzz.xml"
}

# Both benchmarks' smoke runs, one after the other, each leaving its JUnit file in the suite's directory.
bench_smoke() {
  local out=$1 failed=0
  bash bench/run.sh --smoke --results "$out" || failed=1
  bash bench/chat.sh --smoke --results "$out/chat" || failed=1
  return "$failed"
}

run_suite() {
  local name=$1 started=$SECONDS
  shift
  log "suite $name: starting"
  mkdir -p "$RESULTS_DIR/$name"
  if "$@" "$RESULTS_DIR/$name"; then
    log "suite $name: finished in $((SECONDS - started)) s"
  else
    log "suite $name: FAILED after $((SECONDS - started)) s"
    failed_suites+=("$name")
  fi
}

for suite in "${SUITES[@]}"; do
  case "$suite" in
    dotnet) run_suite dotnet bash tests/dotnet.sh ;;
    compat) run_suite compat bash tests/compat/run.sh ;;
    cluster) run_suite cluster bash tests/cluster/run.sh ;;
    docker) run_suite docker bash tests/docker/run.sh ;;
    packages) run_suite packages bash tests/packages/run.sh ;;
    bench-smoke) run_suite bench-smoke bench_smoke ;;
    fuzz) run_suite fuzz run_fuzz ;;
    *) log "unknown suite '$suite' (known: ${ALL_SUITES[*]} fuzz)"; exit 2 ;;
  esac
done

python3 tests/tools/summarize.py "$RESULTS_DIR" "${failed_suites[@]}"
