"""What a user of the AWS CLI v2 (Debian's awscli, /usr/bin/aws) sees when StartChatContact is sent to ConnectMock.

Always /usr/bin/aws: the `aws` first on PATH on the developers' machines is an unrelated AWS CLI v1.
"""
import ast
import json
import os
import re
import subprocess

import pytest

from conftest import ENDPOINT, UUID_V4, assert_started, assert_stored_as_sent, full_requests, minimal_request

AWS = "/usr/bin/aws"
# The minimal request as CLI options.
MINIMAL_ARGS = ("--instance-id", minimal_request()["InstanceId"], "--contact-flow-id", minimal_request()["ContactFlowId"],
                "--participant-details", "DisplayName=Jane")
ERROR_PREFIX = "An error occurred (InvalidParameterException) when calling the StartChatContact operation: "


def aws(*args, config_file=None, debug=False):
    """Runs `aws connect start-chat-contact ARGS` against ConnectMock; the AWS config file is empty unless given."""
    env = dict(os.environ)
    env["AWS_CONFIG_FILE"] = str(config_file) if config_file else os.environ["COMPAT_EMPTY_AWS_CONFIG"]
    command = [AWS, "connect", "start-chat-contact", "--endpoint-url", ENDPOINT, "--output", "json", *args]
    if debug:
        command.append("--debug")
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)


def cli_output(result):
    """The JSON the CLI printed for a successful call; the CLI prints nothing when the response has no member it knows."""
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-3000:]}"
    assert result.stdout.strip(), "the CLI printed nothing: the response had no member its model knows" + (
        "".join(f"\n  server answered: {body}" for body in re.findall(r"Response body:\n(.*)", result.stderr)[-1:]))
    return json.loads(result.stdout)


def debug_response(stderr):
    """The HTTP status and response headers of the last response, from the CLI's --debug log."""
    statuses = re.findall(r'"PUT /contact/chat HTTP/1\.1" (\d{3})', stderr)
    headers = re.findall(r"botocore\.parsers - DEBUG - Response headers: (\{.*\})", stderr)
    assert statuses and headers, f"no response in the --debug output:\n{stderr[-3000:]}"
    return int(statuses[-1]), {k.lower(): v for k, v in ast.literal_eval(headers[-1]).items()}


def members_known_to_cli():
    """The members of the model the CLI uses: it carries its own botocore (awscli.botocore), newer than Debian's
    python3-botocore. Read in another process, because importing awscli makes `import botocore` load its copy."""
    script = ("import json; from awscli.botocore.session import get_session; "
              "print(json.dumps(list(get_session().get_service_model('connect')"
              ".operation_model('StartChatContact').input_shape.members)))")
    result = subprocess.run(["/usr/bin/python3", "-c", script], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(result.stdout)


def test_cli_is_debians_aws_cli_v2():
    result = subprocess.run([AWS, "--version"], capture_output=True, text=True, timeout=120, check=True)
    print(result.stdout.strip())
    assert result.stdout.startswith("aws-cli/2."), result.stdout


def test_minimal_request_starts_a_chat(control):
    result = aws(*MINIMAL_ARGS, "--client-token", "cli-minimal-1", debug=True)

    output = cli_output(result)
    assert_started(output)
    assert set(output) == {"ContactId", "ParticipantId", "ParticipantToken"}
    status, headers = debug_response(result.stderr)
    assert status == 200
    control.journaled_once(headers["x-amzn-requestid"])
    [contact] = control.contacts(clientToken="cli-minimal-1")
    assert (contact["contactId"], contact["participantId"]) == (output["ContactId"], output["ParticipantId"])


@pytest.mark.parametrize("request_members", [
    pytest.param(members, id=name) for name, members in full_requests(members_known_to_cli())])
def test_full_request_starts_a_chat(control, request_members):
    print(f"members sent: {sorted(request_members)}")
    if "PersistentChat" in request_members:
        request_members["PersistentChat"]["SourceContactId"] = control.ended_source(
            lambda: cli_output(aws(*MINIMAL_ARGS))["ContactId"])
    result = aws("--cli-input-json", json.dumps(request_members), debug=True)

    output = cli_output(result)
    assert_started(output)
    if "PersistentChat" in request_members:
        assert output["ContinuedFromContactId"] == request_members["PersistentChat"]["SourceContactId"]
    _, headers = debug_response(result.stderr)
    assert_stored_as_sent(control, headers["x-amzn-requestid"], output, request_members)


def test_same_client_token_returns_same_contact(control):
    args = (*MINIMAL_ARGS, "--client-token", "cli-idempotent-1")
    first, second = aws(*args), aws(*args)

    first, second = cli_output(first), cli_output(second)
    assert_started(first)
    assert first == second
    assert len(control.contacts()) == 1
    assert len(control.requests(clientToken="cli-idempotent-1")) == 2


def test_without_client_token_the_cli_sends_one(control):
    result = aws(*MINIMAL_ARGS, debug=True)

    output = cli_output(result)
    assert_started(output)
    _, headers = debug_response(result.stderr)
    entry = control.journaled_once(headers["x-amzn-requestid"])
    assert UUID_V4.match(entry["clientToken"] or ""), f"the CLI sent ClientToken {entry['clientToken']!r}"
    [contact] = control.contacts()
    assert (contact["contactId"], contact["clientToken"]) == (output["ContactId"], entry["clientToken"])


def assert_invalid_parameter(control, args, member, config_file=None):
    """The user's view (exit code 254 and one line on stderr), then status and request id from --debug."""
    result = aws(*args, config_file=config_file)
    assert result.returncode == 254, f"exit {result.returncode}: {result.stderr[-3000:]}"
    assert result.stdout == ""
    message = result.stderr.strip()
    assert message.startswith(ERROR_PREFIX), result.stderr
    assert "\n" not in message, result.stderr
    assert f"'{member}'" in message, message
    control.reset()

    debugged = aws(*args, config_file=config_file, debug=True)
    assert debugged.returncode == 254
    assert debugged.stderr.strip().splitlines()[-1] == message
    status, headers = debug_response(debugged.stderr)
    assert status == 400
    assert headers["x-amzn-errortype"] == "InvalidParameterException"
    entry = control.journaled_once(headers["x-amzn-requestid"])
    assert entry["errorName"] == "InvalidParameterException"
    assert control.contacts() == []
    return message


def test_missing_member_raises_invalid_parameter(control, tmp_path):
    request = minimal_request(ClientToken="cli-missing-1")
    del request["InstanceId"]
    args = ("--cli-input-json", json.dumps(request))

    # The CLI checks required members itself and sends nothing (exit 252) ...
    refused = aws(*args)
    assert refused.returncode == 252, f"exit {refused.returncode}: {refused.stderr}"
    assert 'Missing required parameter in input: "InstanceId"' in refused.stderr
    assert control.requests() == []
    # ... unless the config file turns parameter validation off: then the server answers.
    config = tmp_path / "config"
    config.write_text("[default]\nparameter_validation = false\n")
    assert_invalid_parameter(control, args, "instanceId", config_file=config)


def test_out_of_range_value_raises_invalid_parameter(control):
    # The CLI checks only minimums, so 20000 (above the max of 10080) goes out with validation on.
    message = assert_invalid_parameter(
        control, (*MINIMAL_ARGS, "--client-token", "cli-range-1", "--chat-duration-in-minutes", "20000"),
        "chatDurationInMinutes")
    assert "10080" in message
