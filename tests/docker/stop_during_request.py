"""Graceful stop with a request in flight.

usage: stop_during_request.py HOST_PORT CONTAINER_ID

Sends the headers and half the body of a StartChatContact request, runs `docker stop` (SIGTERM), waits until
the app logs that it is shutting down, then sends the rest of the body. A graceful stop finishes that request
with a 200 and exits 0. Prints one JSON object with what happened; the caller asserts on it.
"""
import http.client
import json
import socket
import subprocess
import sys
import time

port, container = int(sys.argv[1]), sys.argv[2]
body = json.dumps({
    "InstanceId": "11111111-2222-3333-4444-555555555555",
    "ContactFlowId": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
    "ParticipantDetails": {"DisplayName": "In flight during docker stop"},
}).encode()
head = (
    "PUT /contact/chat HTTP/1.1\r\n"
    f"Host: 127.0.0.1:{port}\r\n"
    "Content-Type: application/json\r\n"
    f"Content-Length: {len(body)}\r\n"
    "Connection: close\r\n\r\n"
).encode()
half = len(body) // 2

result = {"shutdown_logged": False}
with socket.create_connection(("127.0.0.1", port), timeout=20) as conn:
    conn.sendall(head + body[:half])
    time.sleep(0.3)  # the request reaches the app through docker-proxy
    started = time.monotonic()
    stop = subprocess.Popen(["docker", "stop", "--time", "10", container],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # Only once the app has begun to shut down does the rest of the body prove anything.
    deadline = time.monotonic() + 8
    while time.monotonic() < deadline:
        logs = subprocess.run(["docker", "logs", container], capture_output=True, text=True).stdout
        if "Application is shutting down" in logs:
            result["shutdown_logged"] = True
            result["shutdown_logged_after_s"] = round(time.monotonic() - started, 3)
            break
        time.sleep(0.1)
    conn.sendall(body[half:])
    response = http.client.HTTPResponse(conn)
    response.begin()
    result["status"] = response.status
    result["body"] = response.read().decode(errors="replace")

_, stop_error = stop.communicate(timeout=30)
result["stop_seconds"] = round(time.monotonic() - started, 3)
result["stop_exit_code"] = stop.returncode
result["stop_error"] = stop_error.strip()
print(json.dumps(result))
