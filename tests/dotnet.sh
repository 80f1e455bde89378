#!/usr/bin/env bash
# The .NET suite: formatting and analyzers as CI sees them, then every xunit test (TRX into $1).
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/tests/tools/lib.sh"
OUT=${1:?results directory}
cd "$ROOT"

# The Redis store's tests start their own redis-server (Debian's), and fail without it.
ensure_debian_packages redis-server

if dotnet format ConnectMock.sln --verify-no-changes > "$OUT/format.log" 2>&1; then
  junit_case "$OUT/format.xml" dotnet-format "dotnet format --verify-no-changes"
else
  cat "$OUT/format.log" >&2
  junit_case "$OUT/format.xml" dotnet-format "dotnet format --verify-no-changes" "formatting or analyzer issues; see format.log"
fi

dotnet test --solution ConnectMock.sln -c Release --report-trx --results-directory "$OUT"
