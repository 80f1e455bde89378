"""Starts a server in the background and times it: process start to the first 200 of PUT /contact/chat.

usage: serve.py NAME WORKDIR LOGFILE PORT BODYFILE TIMEOUT_S -- COMMAND...
Prints "PID START_MS" on success (the server keeps running in its own session; stop it by PID). On failure
prints the reason and the log's tail to stderr, stops the server and exits 1.
"""
import http.client
import os
import signal
import subprocess
import sys
import time


def main():
    sep = sys.argv.index("--")
    name, workdir, logfile, port, bodyfile, timeout_s = sys.argv[1:sep]
    command = sys.argv[sep + 1:]
    body = open(bodyfile, "rb").read()
    log = open(logfile, "wb")
    started = time.monotonic()
    proc = subprocess.Popen(command, cwd=workdir, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    deadline = started + float(timeout_s)
    last = "no answer"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            last = f"exited with code {proc.returncode}"
            break
        try:
            conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=5)
            conn.request("PUT", "/contact/chat", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            text = response.read()
            conn.close()
            if response.status == 200:
                elapsed_ms = (time.monotonic() - started) * 1000
                if b'"ContactId"' not in text or b'"ParticipantId"' not in text or b'"ParticipantToken"' not in text:
                    last = f"200 without the three ids: {text[:200]!r}"
                    break
                print(f"{proc.pid} {elapsed_ms:.0f}")
                return 0
            last = f"HTTP {response.status}: {text[:300]!r}"
            break
        except (ConnectionError, OSError, http.client.HTTPException):
            time.sleep(0.002)
    print(f"{name} did not start: {last}", file=sys.stderr)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    log.close()
    with open(logfile, "rb") as f:
        tail = f.read()[-2000:].decode("utf-8", "replace")
    print(f"--- last lines of {logfile} ---\n{tail}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
