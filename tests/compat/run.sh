#!/usr/bin/env bash
# The compatibility suite: the real ConnectMock (the Release build on Kestrel, in its own process, on a free loopback
# port) driven by clients nobody on the team wrote: the AWS SDK for JavaScript v3 (@aws-sdk/client-connect and
# @aws-sdk/client-connectparticipant, with the ws package for the chat WebSocket), amazon-connect-chatjs in Debian's
# headless Chromium (driven by playwright-core), the web console in that Chromium and in Debian's Firefox ESR (driven
# by puppeteer-core over WebDriver BiDi), the AWS CLI v2 and boto3 (Debian's awscli and python3-boto3). npm packages
# are pinned in package.json and package-lock.json. The main server requires a control-plane API key, which every
# client's helpers send; a second server, with the scripted bot enabled, serves the browser's bot case; a third, with
# default settings, serves the full-chat example of docs/full-chat.md and the pages of other origins that attack the
# control plane.
#
#   bash tests/compat/run.sh RESULTS_DIR      (normally through: bash tests/run.sh compat)
#
# Against servers started by someone else (the cluster suite, tests/cluster/run.sh, points it at three load-balanced
# clusters): COMPAT_ENDPOINT (the main server, whose control plane requires COMPAT_API_KEY), COMPAT_BOT_ENDPOINT (the
# scripted bot on, as below) and COMPAT_OPEN_ENDPOINT (default settings), all four set; then it neither builds nor
# starts a server. COMPAT_CLIENTS runs only the clients it lists (space-separated, default all): js-sdk, examples,
# chatjs, console-chromium, console-firefox, cross-origin, boto3, aws-cli. COMPAT_REUSE_NODE_MODULES=1 skips npm ci when
# the node_modules it installed is newer than package.json and package-lock.json (the compat suite ran before).
#
# Installs what it needs (npm ci; apt-get for awscli, python3-boto3, python3-pytest, chromium, firefox-esr and fonts;
# never a downloaded browser) and fails, never skips, when a client cannot be installed or run. Writes one JUnit XML
# file per client into RESULTS_DIR (one testcase per case), plus server.log, server-bot.log, server-open.log, the
# browsers' screenshots (chatjs-chromium-*.png, console-*.png, console-firefox-*.png) and a log per browser case;
# exits non-zero on any failure.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/tests/tools/lib.sh"
OUT=${1:?results directory}
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
COMPAT=$ROOT/tests/compat
# The Debian clients: /usr/bin/python3 has them; the python3 and aws first on PATH may be others (pyenv).
PY=/usr/bin/python3
AWS=/usr/bin/aws
CHROMIUM=/usr/bin/chromium
FIREFOX=/usr/bin/firefox-esr
failed=0
SERVER_PIDS=()
COMPAT_CLIENTS=${COMPAT_CLIENTS:-js-sdk examples chatjs console-chromium console-firefox cross-origin boto3 aws-cli}
# wanted CLIENT: whether COMPAT_CLIENTS lists this client.
wanted() { [[ " $COMPAT_CLIENTS " == *" $1 "* ]]; }
EXTERNAL=0
if [ -n "${COMPAT_ENDPOINT:-}" ]; then
  EXTERNAL=1
  for var in COMPAT_API_KEY COMPAT_BOT_ENDPOINT COMPAT_OPEN_ENDPOINT; do
    [ -n "${!var:-}" ] || { log "compat: COMPAT_ENDPOINT is set but $var is not: set all four"; exit 2; }
  done
fi

# fail_case NAME MESSAGE: records a failed testcase of the suite itself (a setup step or a runner that crashed).
fail_case() {
  log "compat: FAILED: $1: $2"
  junit_case "$OUT/compat-$(printf '%s' "$1" | tr -c 'A-Za-z0-9_-' '-').xml" compat "$1" "$2"
  failed=1
}

finish() {
  local pid log
  for pid in "${SERVER_PIDS[@]}"; do stop_pid "$pid"; done
  if [ "$failed" != 0 ]; then
    for log in "$OUT/server.log" "$OUT/server-bot.log" "$OUT/server-open.log"; do
      [ -f "$log" ] || continue
      echo "---- last lines of the ConnectMock log ($log) ----" >&2
      tail -n 60 "$log" >&2
      echo "---- end of the ConnectMock log ----" >&2
    done
  fi
  [ -n "${WORK:-}" ] && rm -rf "$WORK"
}
trap finish EXIT
trap 'exit 130' INT TERM

# ---- the clients: install them, or fail loudly -------------------------------------------------------------------
node_ok=1 py_ok=1 cli_ok=1
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  fail_case "install: Node.js" "node and npm are needed for the AWS SDK for JavaScript v3 (Node.js 20.11 or later)"
  node_ok=0
elif ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=11)?0:1)'; then
  fail_case "install: Node.js" "Node.js $(node --version) is too old: the suite needs 20.11 or later (node --test with the junit reporter)"
  node_ok=0
elif [ "${COMPAT_REUSE_NODE_MODULES:-0}" = 1 ] && [ "$COMPAT/node_modules/.package-lock.json" -nt "$COMPAT/package-lock.json" ] \
  && [ "$COMPAT/node_modules/.package-lock.json" -nt "$COMPAT/package.json" ]; then
  log "compat: reusing tests/compat/node_modules (npm ci installed it after the last change of package.json and its lock)"
else
  log "compat: npm ci ($(node --version), npm $(npm --version))"
  if ! (cd "$COMPAT" && npm ci --no-audit --no-fund --loglevel=error > "$OUT/npm-ci.log" 2>&1); then
    cat "$OUT/npm-ci.log" >&2
    fail_case "install: @aws-sdk/client-connect (npm ci)" "npm ci failed in tests/compat; see npm-ci.log"
    node_ok=0
  fi
fi

if ! ensure_debian_packages awscli python3-boto3 python3-pytest; then
  fail_case "install: Debian packages" "apt-get could not install awscli python3-boto3 python3-pytest"
fi
if ! env -u PYTHONPATH -u PYTHONHOME "$PY" -c 'import boto3, botocore, pytest' 2>"$OUT/python-import.log"; then
  cat "$OUT/python-import.log" >&2
  fail_case "install: boto3 and pytest" "$PY cannot import boto3, botocore and pytest (Debian python3-boto3, python3-pytest)"
  py_ok=0
  cli_ok=0
fi
if ! "$AWS" --version 2>/dev/null | grep -q '^aws-cli/2\.'; then
  fail_case "install: AWS CLI v2" "$AWS is not the AWS CLI v2 (Debian awscli): $("$AWS" --version 2>&1 | head -1)"
  cli_ok=0
fi

# The browser: Debian's chromium (playwright-core drives it; it never downloads one), with fonts for the screenshots.
browser_ok=$node_ok
if ! ensure_debian_packages chromium fonts-liberation fonts-dejavu-core; then
  fail_case "install: Chromium" "apt-get could not install chromium fonts-liberation fonts-dejavu-core"
  browser_ok=0
elif ! "$CHROMIUM" --version 2>/dev/null | grep -q '^Chromium '; then
  fail_case "install: Chromium" "$CHROMIUM does not run: $("$CHROMIUM" --version 2>&1 | tail -1)"
  browser_ok=0
fi

# The console's second browser: Debian's firefox-esr (puppeteer-core drives it; it has no browser to download).
firefox_ok=$node_ok
if ! wanted console-firefox; then
  firefox_ok=0
elif ! ensure_debian_packages firefox-esr fonts-liberation fonts-dejavu-core; then
  fail_case "install: Firefox" "apt-get could not install firefox-esr fonts-liberation fonts-dejavu-core"
  firefox_ok=0
elif ! "$FIREFOX" --version 2>/dev/null | grep -q '^Mozilla Firefox '; then
  fail_case "install: Firefox" "$FIREFOX does not run: $("$FIREFOX" --version 2>&1 | tail -1)"
  firefox_ok=0
fi

# ---- the server ----------------------------------------------------------------------------------------------------
[ "$EXTERNAL" = 1 ] || log "compat: building ConnectMock (Release)"
if [ "$EXTERNAL" = 0 ] && ! dotnet build -c Release "$ROOT/src/ConnectMock" > "$OUT/build.log" 2>&1; then
  tail -n 40 "$OUT/build.log" >&2
  fail_case "build ConnectMock" "dotnet build -c Release src/ConnectMock failed; see build.log"
  exit 1
fi

# start_server LOG [NAME=VALUE...]: starts ConnectMock with these settings, logging to LOG; sets PORT.
start_server() {
  local logfile=$1 attempt pid
  shift
  for attempt in 1 2 3; do
    PORT=$(free_port)
    # Never 8080: other processes on the machine use it.
    [ -n "$PORT" ] && [ "$PORT" != 8080 ] || continue
    # From its output folder, as the image runs it. The working directory does not decide which appsettings.json is
    # read: Program.cs makes the app's own folder the content root wherever it is started from.
    (cd "$ROOT/src/ConnectMock/bin/Release/net10.0" \
      && exec env ASPNETCORE_ENVIRONMENT=Production "$@" dotnet ConnectMock.dll --urls "http://127.0.0.1:$PORT") \
      >> "$logfile" 2>&1 &
    pid=$!
    SERVER_PIDS+=("$pid")
    local deadline=$((SECONDS + 120))
    while [ $SECONDS -lt $deadline ] && kill -0 "$pid" 2>/dev/null; do
      if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT/health" 2>/dev/null)" = 200 ]; then
        log "compat: ConnectMock is up on http://127.0.0.1:$PORT (pid $pid${*:+; $*})"
        return 0
      fi
      sleep 0.2
    done
    log "compat: ConnectMock did not answer GET /health with 200 on port $PORT (attempt $attempt)"
    stop_pid "$pid"
  done
  return 1
}

# The main server needs a key for its control plane, so that every helper is shown to send it; a random one per run.
API_KEY=${COMPAT_API_KEY:-compat-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
if [ "$EXTERNAL" = 0 ] && ! start_server "$OUT/server.log" ConnectMock__ControlPlane__ApiKey="$API_KEY"; then
  fail_case "start ConnectMock" "the server did not answer GET /health with 200 within 120 s; see server.log"
  exit 1
fi
MAIN_PORT=${PORT:-}
# The same build with its default settings (no key), for what a user who set nothing gets: the full-chat example of
# docs/full-chat.md, and pages of other origins against the control plane.
OPEN_PORT=
if [ "$node_ok" = 1 ] && [ "$EXTERNAL" = 0 ]; then
  if start_server "$OUT/server-open.log"; then
    OPEN_PORT=$PORT
  else
    fail_case "start ConnectMock with default settings" "the server did not answer GET /health with 200 within 120 s; see server-open.log"
  fi
fi
# The same build with the scripted bot on, for the browser's bot cases only.
BOT_PORT=
if [ "$browser_ok" = 1 ] && [ "$EXTERNAL" = 0 ]; then
  # "menu" answered with a list picker, configured as a demo would configure it: no code.
  if start_server "$OUT/server-bot.log" ConnectMock__Chat__Bot__Enabled=true ConnectMock__Chat__Bot__DelayMs=200 \
    ConnectMock__Chat__Bot__Templates__menu="$(cat "$COMPAT/browser/menu-list-picker.json")"; then
    BOT_PORT=$PORT
  else
    fail_case "start ConnectMock with the bot" "the server did not answer GET /health with 200 within 120 s; see server-bot.log"
  fi
fi
PORT=$MAIN_PORT

# ---- what every client sees: this server, dummy credentials, no user or machine AWS settings -------------------------
WORK=$(mktemp -d)
: > "$WORK/empty-aws-config"
for var in $(env | grep -oE '^AWS_[A-Za-z0-9_]+'); do unset "$var"; done
if [ "$EXTERNAL" = 1 ]; then
  export CONNECTMOCK_ENDPOINT=$COMPAT_ENDPOINT CONNECTMOCK_BOT_ENDPOINT=$COMPAT_BOT_ENDPOINT
  export CONNECTMOCK_OPEN_ENDPOINT=$COMPAT_OPEN_ENDPOINT
  OPEN_PORT=external BOT_PORT=external
else
  export CONNECTMOCK_ENDPOINT=http://127.0.0.1:$PORT
  [ -n "$BOT_PORT" ] && export CONNECTMOCK_BOT_ENDPOINT=http://127.0.0.1:$BOT_PORT
  [ -n "$OPEN_PORT" ] && export CONNECTMOCK_OPEN_ENDPOINT=http://127.0.0.1:$OPEN_PORT
fi
export COMPAT_RESULTS_DIR=$OUT CONNECTMOCK_API_KEY=$API_KEY
export AWS_ACCESS_KEY_ID=AKIDCOMPATTEST AWS_SECRET_ACCESS_KEY=compat-test-secret AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
export AWS_CONFIG_FILE=$WORK/empty-aws-config AWS_SHARED_CREDENTIALS_FILE=$WORK/empty-aws-config
export COMPAT_EMPTY_AWS_CONFIG=$WORK/empty-aws-config AWS_PAGER= AWS_CLI_AUTO_PROMPT=off AWS_EC2_METADATA_DISABLED=true
# Node 20 is still supported by the pinned SDK; its notice about releases after January 2027 is noise here.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
export PYTHONDONTWRITEBYTECODE=1
unset PYTHONPATH PYTHONHOME

# run_client NAME DIR XML COMMAND...: runs one client's tests in DIR; they write XML. A runner that exits non-zero
# without a failed testcase, writes no XML or skips a case counts as a failure.
run_client() {
  local name=$1 dir=$2 xml=$3 started=$SECONDS rc
  shift 3
  log "compat: $name"
  rm -f "$xml"
  (cd "$dir" && timeout --kill-after=30 900 "$@")
  rc=$?
  local verdict
  verdict=$("$PY" - "$xml" <<'EOF'
import re, sys, xml.etree.ElementTree as ET
try:
    # node's junit reporter copies failure messages as they are, and Playwright's carry ANSI colour codes: characters
    # XML 1.0 forbids, which would make one failed browser case cost the whole file. They are dropped.
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        text = f.read()
    clean = re.sub(r"\x1b\[[0-9;]*m|[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)
    if clean != text:
        with open(sys.argv[1], "w", encoding="utf-8") as f:
            f.write(clean)
    cases = list(ET.fromstring(clean).iter("testcase"))
except Exception as e:  # missing or unreadable
    print(f"no readable JUnit XML ({e})"); sys.exit(0)
failed = sum(1 for c in cases if c.find("failure") is not None or c.find("error") is not None)
skipped = [c.get("name") for c in cases if c.find("skipped") is not None]
if not cases: print("no testcase ran")
elif skipped: print(f"{len(skipped)} skipped (the suite never skips): {', '.join(skipped)}")
else: print(f"ok {len(cases)} {failed}")
EOF
)
  case "$verdict" in
    "ok "*)
      set -- $verdict
      log "compat: $name: $(($2 - $3)) passed, $3 failed, in $((SECONDS - started)) s"
      if [ "$3" != 0 ]; then failed=1; elif [ "$rc" != 0 ]; then
        fail_case "$name: runner" "exited $rc although its JUnit XML has no failed testcase"
      fi ;;
    *) fail_case "$name: runner" "exited $rc: $verdict" ;;
  esac
}

# One client at a time: every case resets the one server's state.
if [ "$node_ok" = 1 ] && wanted js-sdk; then
  run_client "AWS SDK for JavaScript v3" "$COMPAT" "$OUT/js-sdk-v3.xml" \
    node --test --test-concurrency=1 \
      --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=junit --test-reporter-destination="$OUT/js-sdk-v3.xml" \
      js/start-chat-contact.test.mjs js/retries.test.mjs js/participant.test.mjs \
      js/contact-operations.test.mjs js/control-plane-key.test.mjs js/attachments.test.mjs \
      js/custom-bot.test.mjs js/persistent-chat.test.mjs js/interactive.test.mjs js/clock.test.mjs \
      js/chat-timers.test.mjs js/agent-lifecycle.test.mjs
fi
if [ "$node_ok" = 1 ] && [ -n "$OPEN_PORT" ] && wanted examples; then
  # The full-chat example calls the control plane without a key, as a reader's first run would.
  run_client "examples of the docs (full-chat.md, attachments.md, custom-bots.md, persistent-chat.md)" "$COMPAT" "$OUT/full-chat-example.xml" \
    env -u CONNECTMOCK_API_KEY CONNECTMOCK_ENDPOINT="$CONNECTMOCK_OPEN_ENDPOINT" node --test --test-concurrency=1 \
      --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=junit --test-reporter-destination="$OUT/full-chat-example.xml" \
      js/full-chat-example.test.mjs
fi
if [ "$browser_ok" = 1 ] && wanted chatjs; then
  run_client "amazon-connect-chatjs in Chromium" "$COMPAT" "$OUT/chatjs-chromium.xml" \
    node --test --test-concurrency=1 \
      --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=junit --test-reporter-destination="$OUT/chatjs-chromium.xml" \
      browser/chatjs-chromium.test.mjs browser/chatjs-attachments.test.mjs browser/chatjs-persistent.test.mjs \
      browser/chatjs-interactive.test.mjs browser/chatjs-timers.test.mjs browser/chatjs-agent-lifecycle.test.mjs
fi
if [ "$browser_ok" = 1 ] && wanted console-chromium; then
  # The console against the main server, whose control plane needs its key: the console must ask for it.
  run_client "web console in Chromium" "$COMPAT" "$OUT/console-chromium.xml" \
    node --test --test-concurrency=1 \
      --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=junit --test-reporter-destination="$OUT/console-chromium.xml" \
      browser/console.test.mjs
fi
if [ "$firefox_ok" = 1 ]; then
  run_client "web console in Firefox" "$COMPAT" "$OUT/console-firefox.xml" \
    node --test --test-concurrency=1 \
      --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=junit --test-reporter-destination="$OUT/console-firefox.xml" \
      browser/console-firefox.test.mjs
fi
if [ "$browser_ok" = 1 ] && [ -n "$OPEN_PORT" ] && wanted cross-origin; then
  run_client "control plane against other origins in Chromium" "$COMPAT" "$OUT/control-plane-cross-origin.xml" \
    node --test --test-concurrency=1 \
      --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=junit --test-reporter-destination="$OUT/control-plane-cross-origin.xml" \
      browser/control-plane-cross-origin.test.mjs
fi
if [ "$py_ok" = 1 ] && wanted boto3; then
  run_client "boto3" "$COMPAT/python" "$OUT/boto3.xml" \
    "$PY" -m pytest -v --junitxml="$OUT/boto3.xml" -o junit_suite_name=boto3 test_boto3.py
fi
if [ "$cli_ok" = 1 ] && wanted aws-cli; then
  run_client "AWS CLI v2" "$COMPAT/python" "$OUT/aws-cli-v2.xml" \
    "$PY" -m pytest -v --junitxml="$OUT/aws-cli-v2.xml" -o junit_suite_name=aws-cli-v2 test_aws_cli.py
fi

exit "$failed"
