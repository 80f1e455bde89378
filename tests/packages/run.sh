#!/usr/bin/env bash
# The packages suite: packs ConnectMock.Testing, ConnectMock.Testcontainers and ConnectMock.Tool into
# .artifacts/packages, runs samples/ (which restores those packages from that folder, never the projects: the
# in-process server, the control-plane client, a collection fixture and the Testcontainers module against the
# repository's image), installs the dotnet tool from the folder into a temporary tool path and checks that it answers
# /health. One JUnit case per check into $1 (the samples write TRX).
#
# The image is built as the docker suite builds it (tests/docker/tools/make-local-bases.sh, docker build). Docker here
# is Debian 12's engine (API 1.41), which Testcontainers 4.x only talks to with DOCKER_API_VERSION=1.41, and its Ryuk
# image cannot be pulled: TESTCONTAINERS_RYUK_DISABLED=true (the sample disposes its container itself).
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/tests/tools/lib.sh"
OUT=${1:?results directory}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
cd "$ROOT" || exit 1
export DOCKER_BUILDKIT=0
IMAGE=${IMAGE:-connectmock:packages}
PACKAGES=$ROOT/.artifacts/packages
DOCKERD_PID="" TOOL_PID="" TOOL_DIR=""
failed=0

cleanup() {
  [ -n "$TOOL_PID" ] && kill "$TOOL_PID" 2> /dev/null
  [ -n "$TOOL_DIR" ] && rm -rf "$TOOL_DIR"
  if [ -n "$DOCKERD_PID" ]; then
    kill "$DOCKERD_PID" 2> /dev/null
    for _ in $(seq 1 60); do kill -0 "$DOCKERD_PID" 2> /dev/null || break; sleep 0.5; done
  fi
  true
}
trap cleanup EXIT
trap 'exit 143' INT TERM

# check NAME FUNCTION: one JUnit case, with the function's output in its own log.
check() {
  local name=$1 fn=$2 file=$OUT/$2
  if "$fn" > "$file.log" 2>&1; then
    junit_case "$file.xml" packages "$name"
    log "PASS $name"
  else
    junit_case "$file.xml" packages "$name" "$(grep -v '^[[:space:]]*$' "$file.log" | tail -n 1) (see $2.log)"
    log "FAIL $name"
    tail -n 30 "$file.log" | sed 's/^/    /' >&2
    failed=$((failed + 1))
  fi
}

pack() {
  rm -rf "$PACKAGES"
  local project
  for project in ConnectMock.Testing ConnectMock.Testcontainers ConnectMock.Tool; do
    dotnet pack "src/$project" -c Release -nologo -v quiet || return 1
  done
  ls -l "$PACKAGES"
  local version
  version=$(dotnet msbuild src/ConnectMock.Testing -getProperty:Version)
  for package in ConnectMock.Testing ConnectMock.Testcontainers ConnectMock.Tool; do
    [ -f "$PACKAGES/$package.$version.nupkg" ] && [ -f "$PACKAGES/$package.$version.snupkg" ] || { echo "$package $version: nupkg or snupkg missing"; return 1; }
    unzip -l "$PACKAGES/$package.$version.nupkg" README.md > /dev/null || { echo "$package: no README.md"; return 1; }
  done
}

docker_image() {
  command -v dockerd > /dev/null || docker info > /dev/null 2>&1 || ensure_debian_packages docker.io debootstrap || return 1
  command -v debootstrap > /dev/null || ensure_debian_packages debootstrap || return 1
  if ! docker info > /dev/null 2>&1; then
    dockerd --iptables=false --ip-forward=false > "$OUT/dockerd.log" 2>&1 &
    DOCKERD_PID=$!
    for _ in $(seq 1 150); do docker info > /dev/null 2>&1 && break; sleep 0.2; done
    docker info > /dev/null 2>&1 || { echo "dockerd did not answer within 30 s"; return 1; }
  fi
  bash tests/docker/tools/make-local-bases.sh || return 1
  docker build --network host -t "$IMAGE" . || { echo "docker build failed"; return 1; }
}

samples() {
  # A package of the same version restored before is in the global packages folder: that copy, not this build's, would
  # be used. Only ConnectMock's own packages are removed from it.
  local global
  global=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')
  rm -rf "$global/connectmock.testing" "$global/connectmock.testcontainers"
  (cd samples && dotnet build ConnectMock.Samples -c Release -nologo -v quiet) || return 1
  (cd samples && DOCKER_API_VERSION=1.41 TESTCONTAINERS_RYUK_DISABLED=true CONNECTMOCK_IMAGE=$IMAGE \
    dotnet test --project ConnectMock.Samples -c Release --no-build --report-trx --results-directory "$OUT")
}

tool() {
  local port version
  TOOL_DIR=$(mktemp -d)
  version=$(dotnet msbuild src/ConnectMock.Tool -getProperty:Version)
  dotnet tool install ConnectMock.Tool --version "$version" --tool-path "$TOOL_DIR" --add-source "$PACKAGES" || return 1
  "$TOOL_DIR/connectmock" --help | grep -q -- '--journal-capacity <value>' || { echo "connectmock --help does not list --journal-capacity"; return 1; }
  port=$(free_port)
  "$TOOL_DIR/connectmock" --port "$port" --journal-capacity 5 > "$OUT/tool.log" 2>&1 &
  TOOL_PID=$!
  wait_for_http "http://localhost:$port/health" 30 || { cat "$OUT/tool.log"; echo "connectmock --port $port did not answer /health within 30 s"; return 1; }
  curl -sf -X PUT "http://localhost:$port/contact/chat" -H 'Content-Type: application/json' \
    -d '{"InstanceId":"11111111-2222-3333-4444-555555555555","ContactFlowId":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","ParticipantDetails":{"DisplayName":"Jane"}}' \
    | grep -q '"ContactId"' || { echo "StartChatContact through the tool failed"; return 1; }
  kill "$TOOL_PID"; wait "$TOOL_PID" 2> /dev/null; TOOL_PID=""
  "$TOOL_DIR/connectmock" --journal-capacity lots > "$OUT/tool-bad.log" 2>&1
  [ $? -eq 2 ] && grep -q "ConnectMock:Journal:Capacity is 'lots'" "$OUT/tool-bad.log" || { cat "$OUT/tool-bad.log"; echo "a bad flag did not stop the tool with exit code 2 naming the key"; return 1; }
}

check "dotnet pack makes the three packages with README and symbols" pack
check "the image builds (for the Testcontainers sample)" docker_image
check "samples/ restores the packed packages and passes (in process, client, collection fixture, container)" samples
check "the dotnet tool installs from the local folder, answers /health and serves StartChatContact" tool
log "packages: $((4 - failed)) of 4 checks passed"
[ "$failed" -eq 0 ] && exit 0
exit 1
