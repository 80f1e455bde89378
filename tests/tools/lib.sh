# Shared helpers for the test scripts (sourced, not run).

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# as_root CMD...: runs a command as root, through sudo when this is not root.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# ensure_debian_packages PKG...: installs the Debian packages that are not installed yet (waiting for the dpkg lock when
# another apt-get holds it).
ensure_debian_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq -o DPkg::Lock::Timeout=600 >/dev/null \
    && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
}

# free_port: a free TCP port on the loopback interface.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_for_http URL SECONDS: waits until URL answers 200.
wait_for_http() {
  local url=$1 deadline=$((SECONDS + $2))
  while [ $SECONDS -lt $deadline ]; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" 2>/dev/null)" = 200 ] && return 0
    sleep 0.1
  done
  return 1
}

# stop_pid PID: stops a process this script started (TERM, then KILL after 10 s) and reaps it.
stop_pid() {
  local pid=$1
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
}

# junit_case FILE SUITE NAME [FAILURE-MESSAGE]: writes a one-case JUnit file, for checks that are not tests of a framework.
junit_case() {
  local file=$1 suite=$2 name=$3 failure=${4:-}
  {
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    if [ -z "$failure" ]; then
      echo "<testsuite name=\"$suite\" tests=\"1\" failures=\"0\"><testcase classname=\"$suite\" name=\"$name\"/></testsuite>"
    else
      echo "<testsuite name=\"$suite\" tests=\"1\" failures=\"1\"><testcase classname=\"$suite\" name=\"$name\"><failure message=\"$(printf '%s' "$failure" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/"/\&quot;/g')\"/></testcase></testsuite>"
    fi
  } > "$file"
}

# start_redis_server DIR LOGFILE [PICKER]: starts a private redis-server (loopback, no persistence: no RDB snapshots,
# no AOF) in DIR on a free port and waits for its PONG; sets REDIS_SERVER_PORT and REDIS_SERVER_PID (the caller stops
# it). PICKER, when given, is a function that sets PICKED to the port to try (a script handing out several ports
# avoids its own); three ports are tried, since another process can take a port between the pick and the bind.
start_redis_server() {
  local dir=$1 logfile=$2 picker=${3:-} p pid
  mkdir -p "$dir"
  for _ in 1 2 3; do
    if [ -n "$picker" ]; then "$picker" && p=$PICKED; else p=$(free_port); fi
    redis-server --port "$p" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly no --daemonize no \
      --loglevel notice > "$logfile" 2>&1 &
    pid=$!
    for _ in $(seq 50); do
      if [ "$(redis-cli -p "$p" ping 2>/dev/null)" = PONG ]; then
        REDIS_SERVER_PORT=$p REDIS_SERVER_PID=$pid
        return 0
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  done
  return 1
}
