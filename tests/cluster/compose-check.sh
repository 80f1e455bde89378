#!/usr/bin/env bash
# Brings docker-compose.cluster.yml up and checks it from outside, on a machine that reaches no container registry:
# not a suite of tests/run.sh (about 13 minutes cold here, most of it building images), run by hand.
#
#   bash tests/cluster/compose-check.sh
#
# It starts a private dockerd (its own socket and data under /tmp/connectmock-compose-dockerd, no iptables, no default
# bridge: another engine on the machine is left alone), builds the .NET base stand-ins (tests/docker/tools/
# make-local-bases.sh) and local stand-ins tagged redis:7 and haproxy:2.8 from Debian's redis-server and haproxy (the
# official images cannot be pulled here; the stand-ins start the same way: redis-server without protected mode, haproxy
# in the foreground with /usr/local/etc/haproxy/haproxy.cfg, as the user haproxy), builds the connectmock image
# (docker build --network host, as the docker suite does), runs `docker-compose up -d` (Debian's docker-compose 1.29)
# on a free loopback port, then with the AWS CLI: three StartChatContact calls with one ClientToken must return one
# contact, and DescribeContact must find it through each replica; HAProxy's log must show each replica answering.
# Then `down`, and the dockerd it started is stopped. Exits non-zero on any failure.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/tests/tools/lib.sh"
cd "$ROOT" || exit 1
D=/tmp/connectmock-compose-dockerd
export DOCKER_HOST=unix://$D/docker.sock DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0
AWS=/usr/bin/aws
INSTANCE=11111111-2222-3333-4444-555555555555
FLOW=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee
DOCKERD_PID=
compose() { docker-compose -p connectmock-cluster-check -f docker-compose.cluster.yml "$@"; }

finish() {
  compose logs --no-color > "$D/compose.log" 2>&1
  compose down -t 10 > /dev/null 2>&1
  [ -z "$DOCKERD_PID" ] || stop_pid "$DOCKERD_PID"
  log "compose-check: logs in $D/compose.log"
}
trap finish EXIT
trap 'exit 130' INT TERM
die() { log "compose-check: FAILED: $*"; exit 1; }

ensure_debian_packages docker.io docker-compose debootstrap awscli || die "apt-get could not install what it needs"
mkdir -p "$D"
if ! docker info > /dev/null 2>&1; then
  dockerd --iptables=false --ip-forward=false --bridge=none -H "$DOCKER_HOST" --data-root "$D/data" \
    --exec-root "$D/exec" --pidfile "$D/docker.pid" > "$D/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  for _ in $(seq 100); do docker info > /dev/null 2>&1 && break; sleep 0.3; done
  docker info > /dev/null 2>&1 || die "the private dockerd did not answer; see $D/dockerd.log"
fi

started=$SECONDS
bash tests/docker/tools/make-local-bases.sh || die "make-local-bases.sh failed"
mkdir -p "$D/redis" "$D/haproxy"
cat > "$D/redis/Dockerfile" <<'EOF'
FROM local/debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends redis-server redis-tools && rm -rf /var/lib/apt/lists/*
# The official image turns protected mode off when it builds redis-server; Debian's needs it said.
RUN printf '#!/bin/sh\nexec "$@" --protected-mode no\n' > /entry && chmod +x /entry
ENTRYPOINT ["/entry"]
CMD ["redis-server"]
EOF
cat > "$D/haproxy/Dockerfile" <<'EOF'
FROM local/debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends haproxy && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /usr/local/etc/haproxy
USER haproxy
CMD ["haproxy", "-W", "-db", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]
EOF
docker build --network host -q -t redis:7 "$D/redis" > /dev/null || die "the redis:7 stand-in did not build"
docker build --network host -q -t haproxy:2.8 "$D/haproxy" > /dev/null || die "the haproxy:2.8 stand-in did not build"
docker build --network host -q -t connectmock . > /dev/null || die "docker build of the connectmock image failed"
log "compose-check: images ready in $((SECONDS - started)) s"

CONNECTMOCK_PORT=$(free_port)
export CONNECTMOCK_PORT
started=$SECONDS
# A replica still starting on a loaded machine can make `up` give up before HAProxy's turn; a second `up` finds the
# replicas healthy and starts HAProxy.
compose up -d --no-build || compose up -d --no-build || die "docker-compose up failed"
wait_for_http "http://127.0.0.1:$CONNECTMOCK_PORT/health" 60 || die "HAProxy did not answer /health on $CONNECTMOCK_PORT"
log "compose-check: up, HAProxy answering on 127.0.0.1:$CONNECTMOCK_PORT, in $((SECONDS - started)) s"

export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_PAGER=
endpoint=http://127.0.0.1:$CONNECTMOCK_PORT
ids=()
for _ in 1 2 3; do
  ids+=("$("$AWS" connect start-chat-contact --endpoint-url "$endpoint" --instance-id "$INSTANCE" \
    --contact-flow-id "$FLOW" --participant-details DisplayName=Jane --client-token compose-check \
    --query ContactId --output text)") || die "start-chat-contact failed"
done
[ "${ids[0]}" = "${ids[1]}" ] && [ "${ids[1]}" = "${ids[2]}" ] \
  || die "one ClientToken started ${ids[*]}: not one contact"
for _ in 1 2 3; do
  "$AWS" connect describe-contact --endpoint-url "$endpoint" --instance-id "$INSTANCE" --contact-id "${ids[0]}" \
    --query Contact.Channel --output text | grep -qx CHAT || die "describe-contact did not find ${ids[0]}"
done
served=$(compose logs --no-color haproxy | grep -oE 'connectmock/connectmock-[0-9]+ [0-9/-]+ [0-9]{3} .*"(PUT /contact/chat|GET /contacts/)' \
  | cut -d' ' -f1 | sort | uniq -c)
echo "$served" >&2
[ "$(echo "$served" | grep -c connectmock-)" = 3 ] || die "HAProxy's log does not show each of the three replicas answering"
log "compose-check: PASS: one contact for one ClientToken through three replicas, found by each"
