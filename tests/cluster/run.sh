#!/usr/bin/env bash
# The cluster suite: the compatibility suite (tests/compat/run.sh) against ConnectMock scaled out, the topology of
# docs/scale-out.md on loopback without Docker. Each of the three servers the compatibility suite needs (the main one,
# whose control plane requires a key; the scripted bot's; one with default settings) is a cluster: three replicas of
# the Release build (ConnectMock__Store__Provider=Redis), each on its own free port, sharing one Debian redis-server,
# behind a frontend of one Debian HAProxy that balances round-robin per request (a keep-alive connection's requests
# go to the replicas in turn; WebSockets are tunnelled). Every client runs against HAProxy's addresses, except the
# console in Firefox, which the compat suite runs against one server (the issue names the JS SDK, chatjs in Chromium,
# boto3 and the AWS CLI; the console in Chromium and the cross-origin pages run here too).
#
#   bash tests/cluster/run.sh RESULTS_DIR     (normally through: bash tests/run.sh cluster)
#   bash tests/cluster/run.sh --serve [PORT]  one cluster with default settings on 127.0.0.1:PORT (a free port when
#                                             none is given) until Ctrl-C; logs in a temporary folder it prints
#
# Each cluster has its own redis-server (pub/sub channels are server-wide, not per database, so clusters sharing one
# server would hear each other). Reuses the Release build of src/ConnectMock when no source file is newer than it.
# Writes into RESULTS_DIR the compat suite's JUnit files, its own checks' (cluster-*.xml), each replica's log
# (<cluster>-replica-<n>.log), each redis-server's (<cluster>-redis.log), HAProxy's (haproxy.log: one line per request
# naming the replica that answered it), haproxy.cfg, and requests-per-replica.txt; exits non-zero on any failure.
# Env: CLUSTER_REPLICAS (3).
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/tests/tools/lib.sh"
REPLICAS=${CLUSTER_REPLICAS:-3}
APP_DIR=$ROOT/src/ConnectMock/bin/Release/net10.0
SERVE=0 SERVE_PORT=
if [ "${1:-}" = --serve ]; then
  SERVE=1 SERVE_PORT=${2:-}
  OUT=$(mktemp -d -t connectmock-cluster.XXXXXX)
else
  OUT=${1:?results directory, or --serve [PORT]}
  mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
fi
failed=0 started_at=$SECONDS
WORK=$(mktemp -d)
PIDS=() LOGS=()
CLUSTERS=()                          # cluster names, in the order started
declare -A REDIS_PORT=() REPLICA_PORTS=() FRONT_PORT=()

fail_case() {
  log "cluster: FAILED: $1: $2"
  junit_case "$OUT/cluster-$(printf '%s' "$1" | tr -c 'A-Za-z0-9_-' '-').xml" cluster "$1" "$2"
  failed=1
}
# pass_case NAME [DETAIL]: records a passed check (DETAIL only in the log).
pass_case() {
  log "cluster: PASS $1${2:+: $2}"
  junit_case "$OUT/cluster-$(printf '%s' "$1" | tr -c 'A-Za-z0-9_-' '-').xml" cluster "$1"
}

finish() {
  local pid i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[$i]}"; done
  if [ "$failed" != 0 ] && [ "$SERVE" = 0 ]; then
    for log in "${LOGS[@]}"; do
      [ -s "$log" ] || continue
      echo "---- last lines of $log ----" >&2
      tail -n 30 "$log" >&2
    done
    echo "---- every replica's, redis-server's and HAProxy's log is in $OUT ----" >&2
  fi
  [ "$SERVE" = 0 ] || log "cluster: stopped; logs in $OUT"
  rm -rf "$WORK"
}
trap finish EXIT
trap 'exit 130' INT TERM

# ---- what it needs: Debian's redis-server and HAProxy, the Release build ---------------------------------------------
if ! ensure_debian_packages redis-server haproxy; then
  fail_case "install: redis-server and HAProxy" "apt-get could not install redis-server haproxy"
  exit 1
fi
log "cluster: $(redis-server --version | cut -d' ' -f1-3), $(haproxy -v | head -1 | cut -d' ' -f1-3)"
# The Release build the other suites made is reused when no source of the app is newer than it.
newer=
[ -f "$APP_DIR/ConnectMock.dll" ] && newer=$(find "$ROOT/src/ConnectMock" "$ROOT/Directory.Build.props" \
  "$ROOT/Directory.Packages.props" -type f -newer "$APP_DIR/ConnectMock.dll" -not -path '*/bin/*' -not -path '*/obj/*' \
  -print -quit)
if [ ! -f "$APP_DIR/ConnectMock.dll" ] || [ -n "$newer" ]; then
  log "cluster: building ConnectMock (Release)"
  build_started=$SECONDS
  if ! dotnet build -c Release "$ROOT/src/ConnectMock" -nologo -v quiet > "$OUT/build.log" 2>&1; then
    tail -n 40 "$OUT/build.log" >&2
    fail_case "build ConnectMock" "dotnet build -c Release src/ConnectMock failed; see build.log"
    exit 1
  fi
  log "cluster: built in $((SECONDS - build_started)) s"
else
  log "cluster: reusing the Release build in ${APP_DIR#"$ROOT"/}"
fi

# ---- the topology ----------------------------------------------------------------------------------------------------
# pick_port: sets PICKED to a free loopback port this script has not handed out yet, never 8080 (other processes on
# the machine use it).
declare -A HANDED_OUT=()
pick_port() {
  while PICKED=$(free_port) && { [ "$PICKED" = 8080 ] || [ -n "${HANDED_OUT[$PICKED]:-}" ]; }; do :; done
  HANDED_OUT[$PICKED]=1
}

# start_redis CLUSTER: starts the cluster's redis-server (no persistence) and waits for its PONG.
start_redis() {
  local name=$1
  start_redis_server "$WORK/$name-redis" "$OUT/$name-redis.log" pick_port || return 1
  PIDS+=("$REDIS_SERVER_PID")
  REDIS_PORT[$name]=$REDIS_SERVER_PORT
}

# launch_replica CLUSTER N [NAME=VALUE...]: starts replica N of the cluster on a free port (not waiting for it);
# records it in PIDS and PENDING.
launch_replica() {
  local name=$1 n=$2 p
  shift 2
  pick_port && p=$PICKED
  (cd "$APP_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production ConnectMock__Store__Provider=Redis \
    ConnectMock__Store__Redis__Configuration="127.0.0.1:${REDIS_PORT[$name]}" "$@" \
    dotnet ConnectMock.dll --urls "http://127.0.0.1:$p") >> "$OUT/$name-replica-$n.log" 2>&1 &
  PIDS+=("$!")
  PENDING["$name $n"]="$! $p"
}

# start_cluster CLUSTER [NAME=VALUE...]: its redis-server, then its replicas, all at once (waited for by
# wait_replicas).
declare -A PENDING=()  # "cluster n" -> "pid port" of replicas not answering yet
declare -A SETTINGS=()
start_cluster() {
  local name=$1 n
  shift
  CLUSTERS+=("$name")
  LOGS+=("$OUT/$name-redis.log")
  if ! start_redis "$name"; then
    fail_case "start $name: redis-server" "redis-server did not answer PING; see $name-redis.log"
    return 1
  fi
  SETTINGS[$name]=$(printf '%q ' "$@")
  for ((n = 1; n <= REPLICAS; n++)); do
    launch_replica "$name" "$n" "$@"
    LOGS+=("$OUT/$name-replica-$n.log")
  done
}

# wait_replicas: waits until every launched replica answers GET /health with 200 (120 s); a replica that exited
# (its port taken between free_port and its bind) is started again on another port, twice at most.
wait_replicas() {
  local key pid p deadline=$((SECONDS + 120)) retries=0 name n
  while [ ${#PENDING[@]} -gt 0 ] && [ $SECONDS -lt $deadline ]; do
    for key in "${!PENDING[@]}"; do
      read -r pid p <<< "${PENDING[$key]}"
      if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$p/health" 2>/dev/null)" = 200 ]; then
        REPLICA_PORTS[${key% *}]+="$p "
        unset 'PENDING[$key]'
      elif ! kill -0 "$pid" 2>/dev/null && [ $retries -lt 2 ]; then
        retries=$((retries + 1))
        read -r name n <<< "$key"
        log "cluster: replica $n of $name exited before answering; starting it again"
        eval "set -- ${SETTINGS[$name]}"
        launch_replica "$name" "$n" "$@"
      fi
    done
    [ ${#PENDING[@]} -gt 0 ] && sleep 0.2
  done
  for key in "${!PENDING[@]}"; do
    read -r name n <<< "$key"
    fail_case "start $name: replica $n" "it did not answer GET /health with 200 within 120 s; see $name-replica-$n.log"
  done
  [ ${#PENDING[@]} -eq 0 ]
}

# start_haproxy: one HAProxy, a frontend per cluster, round-robin over its replicas for every request.
start_haproxy() {
  local name n p cfg=$OUT/haproxy.cfg
  {
    cat <<'EOF'
# Written by tests/cluster/run.sh: a frontend per cluster, each request to the next replica in turn.
global
  log stdout format raw local0 info
  maxconn 4096

defaults
  mode http
  log global
  option httplog
  # The connection to the replica is closed after each response, so the next request of the client's keep-alive
  # connection is balanced again: keep-alive never pins a client to one replica.
  option http-server-close
  timeout connect 5s
  timeout client 120s
  timeout server 120s
  timeout http-request 30s
  timeout http-keep-alive 30s
  # A WebSocket, once upgraded, is a tunnel: chats stay open for as long as a test keeps them.
  timeout tunnel 1h
EOF
    for name in "${CLUSTERS[@]}"; do
      [ -n "${FRONT_PORT[$name]:-}" ] || { pick_port && FRONT_PORT[$name]=$PICKED; }
      printf '\nfrontend %s\n  bind 127.0.0.1:%s\n  default_backend %s\n\nbackend %s\n  balance roundrobin\n' \
        "$name" "${FRONT_PORT[$name]}" "$name" "$name"
      n=0
      for p in ${REPLICA_PORTS[$name]}; do
        n=$((n + 1))
        printf '  server %s-%s 127.0.0.1:%s\n' "$name" "$n" "$p"
      done
    done
  } > "$cfg"
  haproxy -c -q -f "$cfg" || { fail_case "start HAProxy" "haproxy -c rejected haproxy.cfg"; return 1; }
  haproxy -db -f "$cfg" > "$OUT/haproxy.log" 2>&1 &
  PIDS+=("$!")
  LOGS+=("$OUT/haproxy.log")
  for name in "${CLUSTERS[@]}"; do
    wait_for_http "http://127.0.0.1:${FRONT_PORT[$name]}/health" 20 \
      || { fail_case "start HAProxy" "frontend $name (port ${FRONT_PORT[$name]}) did not answer GET /health"; return 1; }
  done
}

# check_round_robin CLUSTER: one keep-alive connection's requests reach every replica, each in turn.
check_round_robin() {
  local name=$1 tag result
  tag=rr-$RANDOM$RANDOM
  result=$(python3 - "${FRONT_PORT[$name]}" "$tag" "$REPLICAS" "$OUT/haproxy.log" "$name" <<'EOF'
import http.client, re, sys, time
port, tag, replicas, log, cluster = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
sockets = set()
for i in range(2 * replicas):
    conn.request("GET", f"/health?{tag}-{i}")
    r = conn.getresponse(); r.read()
    sockets.add(id(conn.sock))
    if r.status != 200: sys.exit(f"request {i} answered {r.status}")
if len(sockets) != 1: sys.exit(f"the client needed {len(sockets)} connections, not one")
deadline = time.time() + 5
while True:
    served = {}
    for line in open(log, errors="replace"):
        m = re.search(r"\] \S+ (\S+)/(\S+) .*GET /health\?" + tag + r"-(\d+) ", line)
        if m: served[int(m.group(3))] = m.group(2)
    if len(served) == 2 * replicas or time.time() > deadline: break
    time.sleep(0.1)
order = [served.get(i, "?") for i in range(2 * replicas)]
if len(set(order) - {"?"}) != replicas or "?" in order:
    sys.exit(f"one keep-alive connection's requests went to {order}, not to each of the {replicas} replicas")
print(" ".join(order))
EOF
) || { fail_case "$name: one keep-alive connection is balanced per request" "$result"; return 1; }
  pass_case "$name: one keep-alive connection is balanced per request" "replicas in turn: $result"
}

# requests_per_replica: how many requests HAProxy sent to each replica (and with which statuses).
requests_per_replica() {
  python3 - "$OUT/haproxy.log" > "$OUT/requests-per-replica.txt" <<'EOF'
import collections, re, sys
count, status = collections.Counter(), collections.defaultdict(collections.Counter)
for line in open(sys.argv[1], errors="replace"):
    m = re.search(r"\] \S+ (\S+)/(\S+) \S+ (\d{3}) ", line)
    if m:
        count[m.group(2)] += 1
        status[m.group(2)][m.group(3)] += 1
for server in sorted(count):
    print(f"{server}: {count[server]} requests ({', '.join(f'{s}: {n}' for s, n in sorted(status[server].items()))})")
EOF
  log "cluster: requests per replica (from haproxy.log):"
  sed 's/^/    /' "$OUT/requests-per-replica.txt" >&2
}

# ---- start everything --------------------------------------------------------------------------------------------
topology_started=$SECONDS
API_KEY=cluster-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
if [ "$SERVE" = 1 ]; then
  start_cluster open || exit 1
else
  # The three servers of the compat suite, with its settings (tests/compat/run.sh).
  start_cluster main ConnectMock__ControlPlane__ApiKey="$API_KEY" || exit 1
  start_cluster bot ConnectMock__Chat__Bot__Enabled=true ConnectMock__Chat__Bot__DelayMs=200 \
    ConnectMock__Chat__Bot__Templates__menu="$(cat "$ROOT/tests/compat/browser/menu-list-picker.json")" || exit 1
  start_cluster open || exit 1
fi
wait_replicas || exit 1
if [ "$SERVE" = 1 ] && [ -n "$SERVE_PORT" ]; then FRONT_PORT[open]=$SERVE_PORT; fi
start_haproxy || exit 1
log "cluster: ${#CLUSTERS[@]} cluster(s) of $REPLICAS replicas and HAProxy up in $((SECONDS - topology_started)) s"
for name in "${CLUSTERS[@]}"; do
  log "cluster: $name on http://127.0.0.1:${FRONT_PORT[$name]}" \
    "(replicas on ports ${REPLICA_PORTS[$name]% }, redis-server on ${REDIS_PORT[$name]})"
done

if [ "$SERVE" = 1 ]; then
  log "cluster: point your client at http://127.0.0.1:${FRONT_PORT[open]}; Ctrl-C stops it (logs: $OUT)"
  wait "${PIDS[-1]}"
  exit 0
fi

for name in "${CLUSTERS[@]}"; do check_round_robin "$name" || true; done

# ---- the compatibility suite against HAProxy's addresses ------------------------------------------------------------
compat_started=$SECONDS
COMPAT_ENDPOINT=http://127.0.0.1:${FRONT_PORT[main]} COMPAT_API_KEY=$API_KEY \
  COMPAT_BOT_ENDPOINT=http://127.0.0.1:${FRONT_PORT[bot]} COMPAT_OPEN_ENDPOINT=http://127.0.0.1:${FRONT_PORT[open]} \
  COMPAT_CLIENTS="js-sdk examples chatjs console-chromium cross-origin boto3 aws-cli" COMPAT_REUSE_NODE_MODULES=1 \
  bash "$ROOT/tests/compat/run.sh" "$OUT" || failed=1
log "cluster: the compatibility suite took $((SECONDS - compat_started)) s"
requests_per_replica
log "cluster: $((SECONDS - started_at)) s in all"
exit "$failed"
