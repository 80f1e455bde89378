"""Shared fixtures of the Python compatibility tests (boto3 and the AWS CLI v2, both from Debian).

Run by tests/compat/run.sh with /usr/bin/python3, never the pyenv python3 on PATH (another boto3).
"""
import json
import os
import pathlib
import re
import urllib.parse
import urllib.request

import pytest

ENDPOINT = os.environ.get("CONNECTMOCK_ENDPOINT")
if not ENDPOINT:
    raise RuntimeError("CONNECTMOCK_ENDPOINT is not set: run these tests through tests/compat/run.sh")

INSTANCE_ID = "11111111-2222-3333-4444-555555555555"
CONTACT_FLOW_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
LOWERCASE_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
UUID_V4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", re.IGNORECASE)
FULL_REQUEST_FILE = pathlib.Path(__file__).resolve().parent.parent / "full-request.json"


def minimal_request(**extra):
    return {"InstanceId": INSTANCE_ID, "ContactFlowId": CONTACT_FLOW_ID,
            "ParticipantDetails": {"DisplayName": "Jane"}, **extra}


def full_requests(known):
    """The full requests for a client whose model knows the members `known`: every one of them, with the values of
    full-request.json; one request per side of each mutually exclusive pair the client knows entirely."""
    data = json.loads(FULL_REQUEST_FILE.read_text())
    missing = [m for m in known if m not in data["members"]]
    assert not missing, f"full-request.json has no value for members this client knows: {missing}"
    variants = [("every member", list(known))]
    for group in data["mutuallyExclusive"]:
        present = [m for m in group if m in known]
        if len(present) < 2:
            continue
        variants = [(f"{name} (with {keep})", [m for m in members if m == keep or m not in present])
                    for name, members in variants for keep in present]
    return [(name, {m: data["members"][m] for m in members}) for name, members in variants]


# The control plane's API key, when the server was started with one (ConnectMock__ControlPlane__ApiKey).
API_KEY = os.environ.get("CONNECTMOCK_API_KEY") or None


class ControlPlane:
    """ConnectMock's test control plane under /_connectmock (plain JSON, camelCase)."""

    def _call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if data else {}
        if API_KEY:
            headers["X-ConnectMock-Api-Key"] = API_KEY
        request = urllib.request.Request(urllib.parse.urljoin(ENDPOINT, path), data=data, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
        return json.loads(text) if text else None

    def reset(self):
        return self._call("POST", "/_connectmock/reset")

    def ended_source(self, start):
        """An ended chat for a persistent chat to continue, started with `start` (the client under test) and ended
        through the control plane; the journal is emptied after, so the test's own call is its only entry."""
        contact_id = start()
        self._call("POST", f"/_connectmock/contacts/{contact_id}/end")
        self._call("DELETE", "/_connectmock/requests")
        return contact_id

    def add_fault(self, **fault):
        return self._call("POST", "/_connectmock/faults", fault)

    def contacts(self, **query):
        return self._call("GET", "/_connectmock/contacts?" + urllib.parse.urlencode(query))["contacts"]

    def contact(self, contact_id):
        return self._call("GET", "/_connectmock/contacts/" + urllib.parse.quote(contact_id))

    def requests(self, **query):
        """Journal entries of StartChatContact with their bodies, newest first."""
        query = {"operation": "StartChatContact", "includeBodies": "true", **query}
        return self._call("GET", "/_connectmock/requests?" + urllib.parse.urlencode(query))["requests"]

    def journaled_once(self, request_id):
        """The single journal entry, which must carry the request id that the client reported."""
        assert request_id and LOWERCASE_UUID.match(request_id), f"the client reported request id {request_id!r}"
        entries = self.requests()
        assert len(entries) == 1, f"journal: {entries}"
        assert entries[0]["requestId"] == request_id, "the client's request id is not the one the server sent"
        return entries[0]


@pytest.fixture
def control():
    plane = ControlPlane()
    plane.reset()
    return plane


def assert_started(output):
    """What every successful StartChatContact returns: two lowercase UUIDs and an opaque token."""
    members = {k: v for k, v in output.items() if k != "ResponseMetadata"}
    for name in ("ContactId", "ParticipantId"):
        assert LOWERCASE_UUID.match(str(output.get(name))), f"{name} is not a lowercase UUID; the client returned {members}"
    token = output.get("ParticipantToken")
    assert isinstance(token, str) and token, f"no ParticipantToken; the client returned {members}"


def assert_stored_as_sent(control, request_id, output, request):
    """Every member went out under its AWS name, and the server kept each of them as it was sent."""
    entry = control.journaled_once(request_id)
    assert entry["requestBody"] == request
    stored = control.contact(output["ContactId"])
    assert stored["request"] == request
    assert stored["participantToken"] == output["ParticipantToken"]
