#!/usr/bin/env bash
# The docker suite: builds the repo's Dockerfile unchanged, runs the image on a loopback port and checks it from
# outside, as CI and users see it. One JUnit case per check into $1; exits non-zero when any check fails.
#
# No container registry is reachable here, so tests/docker/tools/make-local-bases.sh builds local stand-ins for
# mcr.microsoft.com/dotnet/{sdk,aspnet}:10.0 from this machine's .NET (DOCKER_BASES=registry pulls the real ones
# instead). Installs docker.io, debootstrap and awscli from Debian when missing, and starts dockerd (without
# touching iptables or ip_forward) when no engine answers; it stops dockerd again only if it started it.
#
# Env: DOCKER_BASES=local|registry (local), IMAGE (connectmock:ci), READY_TIMEOUT_S (60), HEALTHY_TIMEOUT_S (90)
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/tests/tools/lib.sh"
OUT=${1:?results directory}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
cd "$ROOT" || exit 1

export LC_ALL=C           # a '.' in $EPOCHREALTIME, whatever the machine's locale
export DOCKER_BUILDKIT=0  # the classic builder: there is no buildx here, and BuildKit would pull its frontend
IMAGE=${IMAGE:-connectmock:ci}
DOCKER_BASES=${DOCKER_BASES:-local}
READY_TIMEOUT_S=${READY_TIMEOUT_S:-60}
HEALTHY_TIMEOUT_S=${HEALTHY_TIMEOUT_S:-90}
AWS=/usr/bin/aws          # Debian's AWS CLI v2: an unrelated v1 can come first on PATH
INSTANCE_ID=11111111-2222-3333-4444-555555555555
FLOW_ID=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee
MEASUREMENTS=$OUT/measurements.txt

DOCKERD_PID="" IMAGE_ID="" CID="" PORT="" RUN_STARTED="" BLOCKED="" ENV_CID="" ENV_PORT=""
CONTAINERS=()
count=0 failed=0 suite_started=$EPOCHREALTIME
: > "$MEASUREMENTS"

seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
measure() { echo "$*" | tee -a "$MEASUREMENTS"; }

cleanup() {
  local c
  for c in "${CONTAINERS[@]}"; do
    docker logs "$c" > "$OUT/container-${c:0:12}.log" 2>&1
    docker rm -f "$c" > /dev/null 2>&1
  done
  if [ -n "$DOCKERD_PID" ]; then
    kill "$DOCKERD_PID" 2> /dev/null
    for _ in $(seq 1 60); do kill -0 "$DOCKERD_PID" 2> /dev/null || break; sleep 0.5; done
    log "stopped the dockerd this suite started (pid $DOCKERD_PID)"
  fi
}
trap cleanup EXIT
trap 'exit 143' INT TERM  # so that the EXIT trap also cleans up after a signal

# check NAME FUNCTION: runs one check with its output in its own log, times it and writes its JUnit case.
# After a failed prerequisite ($BLOCKED) the remaining checks are reported failed as "not run", never skipped.
check() {
  local name=$1 fn=$2 started=$EPOCHREALTIME file reason took
  count=$((count + 1))
  file=$OUT/$(printf '%02d' "$count")-$fn
  if [ -n "$BLOCKED" ]; then
    junit_case "$file.xml" docker "$name" "not run: $BLOCKED"
    log "FAIL $name: not run, $BLOCKED"
    failed=$((failed + 1))
    return 1
  fi
  if "$fn" > "$file.log" 2>&1; then
    junit_case "$file.xml" docker "$name"
    log "PASS $name ($(seconds_since "$started") s)"
    return 0
  fi
  took=$(seconds_since "$started")
  reason=$(grep -v '^[[:space:]]*$' "$file.log" | tail -n 1)
  junit_case "$file.xml" docker "$name" "${reason:-failed} (see $(basename "$file").log)"
  log "FAIL $name ($took s): $reason"
  tail -n 40 "$file.log" | sed 's/^/    /' >&2
  failed=$((failed + 1))
  return 1
}

# fail MESSAGE: the reason a check failed, as its log's last line (use as `|| { fail "..."; return; }`).
fail() { echo "$*"; return 1; }

# ---- prerequisites: tools, engine, base images, the image ---------------------------------------------------

install_tools() {
  local packages=(awscli curl)
  [ "$DOCKER_BASES" = local ] && packages+=(debootstrap)
  # A machine with Docker's own packages (docker-ce) keeps them: docker.io would conflict.
  command -v dockerd > /dev/null || docker info > /dev/null 2>&1 || packages+=(docker.io)
  ensure_debian_packages "${packages[@]}" || { fail "could not install ${packages[*]}"; return; }
  docker --version && "$AWS" --version
}

start_engine() {
  if docker info > /dev/null 2>&1; then
    echo "a Docker engine already answers; using it"
  else
    echo "starting dockerd --iptables=false --ip-forward=false"
    dockerd --iptables=false --ip-forward=false > "$OUT/dockerd.log" 2>&1 &
    DOCKERD_PID=$!
    for _ in $(seq 1 150); do docker info > /dev/null 2>&1 && break; sleep 0.2; done
    docker info > /dev/null 2>&1 || { tail -n 20 "$OUT/dockerd.log"; fail "dockerd did not answer within 30 s"; return; }
  fi
  docker version --format 'client {{.Client.Version}}, engine {{.Server.Version}}'
}

prepare_bases() {
  case $DOCKER_BASES in
    local) bash tests/docker/tools/make-local-bases.sh ;;
    registry) docker pull mcr.microsoft.com/dotnet/sdk:10.0 && docker pull mcr.microsoft.com/dotnet/aspnet:10.0 ;;
    *) fail "DOCKER_BASES is '$DOCKER_BASES'; use local or registry" ;;
  esac
}

build_image() {
  rm -f "$OUT/image.id"
  docker build --network host --iidfile "$OUT/image.id" -t "$IMAGE" . || { fail "docker build failed"; return; }
  IMAGE_ID=$(cat "$OUT/image.id")
  local size
  size=$(docker image inspect -f '{{.Size}}' "$IMAGE_ID")
  measure "image size: $((size / 1000000)) MB ($size bytes)"
}

image_config() {
  local user health env ports
  user=$(docker image inspect -f '{{.Config.User}}' "$IMAGE_ID")
  health=$(docker image inspect -f '{{json .Config.Healthcheck}}' "$IMAGE_ID")
  env=$(docker image inspect -f '{{json .Config.Env}}' "$IMAGE_ID")
  ports=$(docker image inspect -f '{{json .Config.ExposedPorts}}' "$IMAGE_ID")
  echo "User=$user Healthcheck=$health ExposedPorts=$ports Env=$env"
  [[ -n $user && $user != root && $user != 0 && $user != 0:* ]] || { fail "image Config.User is '$user', not a non-root user"; return; }
  [[ $health == *'"dotnet","/app/ConnectMock.dll","--healthcheck"'* ]] || { fail "the HEALTHCHECK does not run the app's --healthcheck"; return; }
  [[ $ports == *'"8080/tcp"'* ]] || { fail "port 8080 is not exposed"; return; }
  [[ $env == *'"ConnectMock__Logging__Format=Json"'* ]] || { fail "JSON logging is not the image's default"; return; }
  [[ $env == *'"ASPNETCORE_HTTP_PORTS=8080"'* ]] || { fail "ASPNETCORE_HTTP_PORTS=8080 is not set"; return; }
}

no_curl_or_wget() {
  local found
  found=$(docker run --rm --entrypoint /bin/sh "$IMAGE_ID" -c 'command -v curl wget; true')
  [ -z "$found" ] || { fail "the image contains $found"; return; }
  echo "neither curl nor wget is in the image"
}

# ---- the running container ------------------------------------------------------------------------------------

start_container() {
  PORT=$(free_port)
  RUN_STARTED=$EPOCHREALTIME
  CID=$(docker run -d --label connectmock.suite=docker -p "127.0.0.1:$PORT:8080" "$IMAGE_ID") || { fail "docker run failed"; return; }
  CONTAINERS+=("$CID")
  if ! wait_for_http "http://127.0.0.1:$PORT/health" "$READY_TIMEOUT_S"; then
    docker logs "$CID" 2>&1 | tail -n 20
    fail "no 200 from /health within $READY_TIMEOUT_S s of docker run"
    return
  fi
  measure "first 200 from /health: $(seconds_since "$RUN_STARTED") s after docker run"
  # The second container (configuration through environment variables only) starts now, once the first one's start
  # has been timed: its start and its first HEALTHCHECK (5 s after it starts) run while the checks below use the first.
  start_env_container
}

# A second container, configured only through environment variables: another port, text logs, a smaller body limit.
# Started by start_container, checked by env_configuration.
start_env_container() {
  ENV_PORT=$(free_port)
  ENV_CID=$(docker run -d --label connectmock.suite=docker -p "127.0.0.1:$ENV_PORT:9090" -e ASPNETCORE_HTTP_PORTS=9090 \
    -e ConnectMock__Logging__Format=Text -e ConnectMock__Api__MaxRequestBodyBytes=1024 "$IMAGE_ID") || { ENV_CID=""; return 0; }
  CONTAINERS+=("$ENV_CID")
}

health_endpoint() {
  local body
  body=$(curl -sS --max-time 5 -w '\n%{http_code}' "http://127.0.0.1:$PORT/health") || { fail "GET /health failed"; return; }
  echo "$body"
  [ "$body" = $'Healthy\n200' ] || { fail "GET /health did not answer 200 Healthy"; return; }
}

aws_cli() {
  env AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_MAX_ATTEMPTS=1 \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true AWS_PAGER= \
    "$AWS" --endpoint-url "http://127.0.0.1:$PORT" --output json "$@"
}

aws_cli_start_chat() {
  aws_cli connect start-chat-contact --instance-id "$INSTANCE_ID" --contact-flow-id "$FLOW_ID" \
    --participant-details DisplayName=Jane --client-token docker-suite-1 > "$OUT/start-chat-contact.json" \
    || { fail "aws connect start-chat-contact failed"; return; }
  cat "$OUT/start-chat-contact.json"
  python3 - "$OUT/start-chat-contact.json" << 'EOF'
import json, sys, uuid
chat = json.load(open(sys.argv[1]))
assert sorted(chat) == ["ContactId", "ParticipantId", "ParticipantToken"], f"members: {sorted(chat)}"
for member in ("ContactId", "ParticipantId"):
    assert str(uuid.UUID(chat[member])) == chat[member], f"{member} is not a lowercase UUID"
assert len(chat["ParticipantToken"]) >= 32, "ParticipantToken is too short"
EOF
}

aws_error_over_http() {
  local headers=$OUT/error.headers body=$OUT/error.json status
  status=$(curl -sS --max-time 5 -X PUT "http://127.0.0.1:$PORT/contact/chat" -H 'Content-Type: application/json' \
    -d "{\"InstanceId\":\"$INSTANCE_ID\",\"ParticipantDetails\":{\"DisplayName\":\"Jane\"}}" \
    -D "$headers" -o "$body" -w '%{http_code}') || { fail "PUT /contact/chat failed"; return; }
  cat "$headers" "$body"; echo
  [ "$status" = 400 ] || { fail "status $status, not 400"; return; }
  tr -d '\r' < "$headers" | grep -qix 'x-amzn-ErrorType: InvalidParameterException' \
    || { fail "no x-amzn-ErrorType: InvalidParameterException header"; return; }
  tr -d '\r' < "$headers" | grep -qi '^x-amzn-RequestId: [0-9a-f-]\{36\}$' || { fail "no x-amzn-RequestId header"; return; }
  python3 - "$body" << 'EOF'
import json, sys
error = json.load(open(sys.argv[1]))
assert list(error) == ["__type", "Message"], f"members: {list(error)}"
assert error["__type"] == "InvalidParameterException", error["__type"]
assert "contactFlowId" in error["Message"], error["Message"]
EOF
}

aws_cli_decodes_error() {
  local output
  if output=$(aws_cli connect start-chat-contact --instance-id "$INSTANCE_ID" --contact-flow-id "$FLOW_ID" \
    --participant-details "DisplayName=$(printf 'x%.0s' {1..257})" 2>&1); then
    fail "a 257-character DisplayName was accepted"
    return
  fi
  echo "$output"
  [[ $output == *"An error occurred (InvalidParameterException) when calling the StartChatContact operation"* ]] \
    || { fail "the AWS CLI did not report InvalidParameterException"; return; }
}

non_root_user() {
  local uid user
  uid=$(docker exec "$CID" id -u) || { fail "docker exec id -u failed"; return; }
  user=$(docker image inspect -f '{{.Config.User}}' "$IMAGE_ID")
  echo "id -u in the container: $uid; image Config.User: $user; $(docker exec "$CID" id)"
  [ "$uid" != 0 ] || { fail "the container runs as root"; return; }
  [ "$uid" = 1654 ] || { fail "the container runs as uid $uid, not the image's 'app' user (1654)"; return; }
}

# wait_healthy CID: waits until Docker's HEALTHCHECK reports healthy.
wait_healthy() {
  local status deadline=$((SECONDS + HEALTHY_TIMEOUT_S))
  while [ $SECONDS -lt $deadline ]; do
    status=$(docker inspect -f '{{.State.Health.Status}}' "$1") || { fail "docker inspect failed"; return; }
    [ "$status" = healthy ] && break
    [ "$status" = unhealthy ] && break
    sleep 0.5
  done
  docker inspect -f '{{range .State.Health.Log}}exit {{.ExitCode}}: {{.Output}}{{end}}' "$1"
  [ "$status" = healthy ] || { fail "health status is '$status' after up to $HEALTHY_TIMEOUT_S s"; return; }
}

docker_health() {
  wait_healthy "$CID" || return 1
  # From Docker's own timestamps: when the process started, and when the first passing probe ended.
  local times started healthy
  times=$(docker inspect -f '{{.State.StartedAt}}{{range .State.Health.Log}}{{if eq .ExitCode 0}} {{json .End}}{{end}}{{end}}' "$CID" | tr -d '"')
  read -r started healthy _ <<< "$times"
  measure "health status healthy: $(awk -v a="$(date -d "$started" +%s.%N)" -v b="$(date -d "$healthy" +%s.%N)" \
    'BEGIN { printf "%.1f", b - a }') s after the container started"
}

json_logs() {
  # The request log line is written on a background thread, just after the response: wait (up to 10 s) for the 400's.
  local i
  for i in $(seq 1 50); do
    docker logs "$CID" 2> "$OUT/container.stderr" > "$OUT/container.stdout" || { fail "docker logs failed"; return; }
    grep -q '"ErrorName":"InvalidParameterException"' "$OUT/container.stdout" && break
    sleep 0.2
  done
  head -c 3000 "$OUT/container.stdout"
  python3 - "$OUT/container.stdout" "$OUT/start-chat-contact.json" << 'EOF'
import json, sys
lines = [l for l in open(sys.argv[1]) if l.strip()]
token = json.load(open(sys.argv[2]))["ParticipantToken"]
assert lines, "nothing on stdout"
events = []
for number, line in enumerate(lines, 1):
    try:
        event = json.loads(line)
    except ValueError:
        raise AssertionError(f"stdout line {number} is not JSON: {line[:200]}")
    assert isinstance(event, dict) and "@t" in event, f"stdout line {number} is not a log event: {line[:200]}"
    events.append(event)
assert any(e.get("Operation") == "StartChatContact" and e.get("StatusCode") == 200 for e in events), "no JSON request line for the 200"
assert any(e.get("ErrorName") == "InvalidParameterException" and e.get("StatusCode") == 400 for e in events), "no JSON request line for the 400"
assert token not in open(sys.argv[1]).read(), "the ParticipantToken was logged"
print(f"{len(events)} stdout lines, every one a JSON log event")
EOF
}

graceful_stop() {
  local result exit_code
  result=$(python3 tests/docker/stop_during_request.py "$PORT" "$CID") || { fail "stop_during_request.py failed"; return; }
  echo "$result"
  exit_code=$(docker inspect -f '{{.State.ExitCode}} OOMKilled={{.State.OOMKilled}}' "$CID")
  echo "docker inspect: ExitCode $exit_code"
  python3 - "$result" << 'EOF' || return 1
import json, sys
r = json.loads(sys.argv[1])
assert r["shutdown_logged"], "the app never logged that it was shutting down"
assert r["stop_exit_code"] == 0, f"docker stop failed: {r['stop_error']}"
assert r["status"] == 200, f"the in-flight request got {r['status']}, not 200"
assert "ContactId" in json.loads(r["body"]), "the in-flight request got no ContactId"
assert r["stop_seconds"] < 8, f"docker stop took {r['stop_seconds']} s"
EOF
  [ "$exit_code" = "0 OOMKilled=false" ] || { fail "the container exited with $exit_code, not 0"; return; }
  measure "docker stop with a request in flight: exit 0 after $(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["stop_seconds"])' "$result") s"
}

env_configuration() {
  local port=$ENV_PORT cid=$ENV_CID status
  [ -n "$cid" ] || { fail "docker run of the second container failed"; return; }
  wait_for_http "http://127.0.0.1:$port/health" "$READY_TIMEOUT_S" || { fail "no 200 from /health on port 9090"; return; }
  status=$(curl -sS --max-time 5 -o /dev/null -w '%{http_code} %header{x-amzn-errortype}' -X PUT \
    "http://127.0.0.1:$port/contact/chat" -d "{\"InstanceId\":\"$INSTANCE_ID\",\"ContactFlowId\":\"$FLOW_ID\",\"ParticipantDetails\":{\"DisplayName\":\"$(printf 'x%.0s' {1..2000})\"}}")
  # Without the limit this body would be an InvalidParameterException (DisplayName over 256 characters).
  echo "a 2 KB body with MaxRequestBodyBytes=1024: $status"
  [ "$status" = "400 InvalidRequestException" ] || { fail "ConnectMock__Api__MaxRequestBodyBytes=1024 was not applied"; return; }
  wait_healthy "$cid" || { fail "the HEALTHCHECK did not follow ASPNETCORE_HTTP_PORTS=9090"; return; }
  docker logs "$cid" 2>&1 | grep -E '^\[[0-9:.]+ INF\] Now listening on: http://(\[::\]|0\.0\.0\.0):9090$' \
    || { fail "no text log line 'Now listening on: http://[::]:9090'"; return; }
  docker stop "$cid" > /dev/null
  [ "$(docker inspect -f '{{.State.ExitCode}}' "$cid")" = 0 ] || { fail "an idle container did not exit 0 on docker stop"; return; }
}

# ---- the suite -------------------------------------------------------------------------------------------------

check "install docker.io, debootstrap, awscli" install_tools || BLOCKED="the tools could not be installed"
check "a Docker engine answers" start_engine || BLOCKED="no Docker engine"
check "base images mcr.microsoft.com/dotnet/{sdk,aspnet}:10.0 ($DOCKER_BASES)" prepare_bases || BLOCKED="no base images"
check "docker build of the repo's Dockerfile" build_image || BLOCKED="the image did not build"
check "image: non-root USER, HEALTHCHECK --healthcheck, port 8080, JSON logs" image_config
check "image contains neither curl nor wget" no_curl_or_wget
check "docker run: /health answers 200" start_container || BLOCKED="the container did not start"
check "GET /health is 200 Healthy" health_endpoint
check "Docker health status turns healthy" docker_health
check "AWS CLI start-chat-contact gets a contact" aws_cli_start_chat
check "AWS error: 400, x-amzn-ErrorType and {__type, Message}" aws_error_over_http
check "AWS CLI decodes InvalidParameterException" aws_cli_decodes_error
check "the container user is not root" non_root_user
check "stdout is JSON log lines" json_logs
check "docker stop with a request in flight: 200, exit 0" graceful_stop
check "configuration through environment variables only" env_configuration

log "docker suite: $((count - failed)) of $count checks passed in $(seconds_since "$suite_started") s"
sed 's/^/    /' "$MEASUREMENTS" >&2
[ "$failed" -eq 0 ]
