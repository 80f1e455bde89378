"""What a user of boto3 (Debian's python3-boto3) sees when StartChatContact is sent to ConnectMock."""
import boto3
import botocore
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import ENDPOINT, UUID_V4, assert_started, assert_stored_as_sent, full_requests, minimal_request


def connect_client(**config):
    return boto3.client(
        "connect", endpoint_url=ENDPOINT, region_name="us-east-1",
        aws_access_key_id="AKIDCOMPATTEST", aws_secret_access_key="compat-test-secret",
        config=Config(retries={"mode": "standard", "total_max_attempts": 1}).merge(Config(**config)))


def members_known_to_client():
    model = connect_client().meta.service_model.operation_model("StartChatContact")
    return list(model.input_shape.members)


def test_client_is_debians_boto3():
    print(f"boto3 {boto3.__version__}, botocore {botocore.__version__} from {botocore.__file__}")
    assert boto3.__file__ == "/usr/lib/python3/dist-packages/boto3/__init__.py", boto3.__file__
    # Not the copy inside awscli, which `import botocore` loads once anything imported awscli.
    assert botocore.__file__ == "/usr/lib/python3/dist-packages/botocore/__init__.py", botocore.__file__


def test_minimal_request_starts_a_chat(control):
    output = connect_client().start_chat_contact(**minimal_request(ClientToken="py-minimal-1"))

    assert_started(output)
    assert output["ResponseMetadata"]["HTTPStatusCode"] == 200
    entry = control.journaled_once(output["ResponseMetadata"]["RequestId"])
    assert entry["statusCode"] == 200
    [contact] = control.contacts(clientToken="py-minimal-1")
    assert (contact["contactId"], contact["participantId"]) == (output["ContactId"], output["ParticipantId"])


@pytest.mark.parametrize("request_members", [
    pytest.param(members, id=name) for name, members in full_requests(members_known_to_client())])
def test_full_request_starts_a_chat(control, request_members):
    print(f"members sent: {sorted(request_members)}")
    if "PersistentChat" in request_members:
        request_members["PersistentChat"]["SourceContactId"] = control.ended_source(
            lambda: connect_client().start_chat_contact(**minimal_request())["ContactId"])
    output = connect_client().start_chat_contact(**request_members)

    assert_started(output)
    assert_stored_as_sent(control, output["ResponseMetadata"]["RequestId"], output, request_members)


def test_same_client_token_returns_same_contact(control):
    client = connect_client()
    first = client.start_chat_contact(**minimal_request(ClientToken="py-idempotent-1"))
    second = client.start_chat_contact(**minimal_request(ClientToken="py-idempotent-1"))

    assert_started(first)
    assert_started(second)
    ids = ("ContactId", "ParticipantId", "ParticipantToken")
    assert [second[k] for k in ids] == [first[k] for k in ids]
    assert second["ResponseMetadata"]["RequestId"] != first["ResponseMetadata"]["RequestId"]
    assert len(control.contacts()) == 1
    assert len(control.requests(clientToken="py-idempotent-1")) == 2


def test_without_client_token_the_sdk_sends_one(control):
    request = minimal_request()
    assert "ClientToken" not in request
    output = connect_client().start_chat_contact(**request)

    assert_started(output)
    entry = control.journaled_once(output["ResponseMetadata"]["RequestId"])
    assert UUID_V4.match(entry["clientToken"] or ""), f"botocore sent ClientToken {entry['clientToken']!r}"
    assert entry["requestBody"]["ClientToken"] == entry["clientToken"]
    [contact] = control.contacts()
    assert (contact["contactId"], contact["clientToken"]) == (output["ContactId"], entry["clientToken"])


def assert_service_error(control, client, error, name, status):
    """The typed exception `name` with HTTP `status`, named by the x-amzn-ErrorType header (which botocore reads
    first), with the request id that the server journaled."""
    assert isinstance(error, getattr(client.exceptions, name)), f"{type(error)}: {error}"
    assert error.response["Error"]["Code"] == name
    assert error.response["Error"]["Message"]
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert error.response["ResponseMetadata"]["HTTPHeaders"].get("x-amzn-errortype") == name, "x-amzn-ErrorType header"
    entry = control.journaled_once(error.response["ResponseMetadata"]["RequestId"])
    assert (entry["errorName"], entry["statusCode"]) == (name, status)
    assert control.contacts() == []


def assert_invalid_parameter(control, client, request, member):
    with pytest.raises(ClientError) as raised:
        client.start_chat_contact(**request)
    error = raised.value
    assert_service_error(control, client, error, "InvalidParameterException", 400)
    assert f"'{member}'" in error.response["Error"]["Message"], error.response["Error"]
    assert f"'{member}'" in str(error)
    return error


def test_missing_member_raises_invalid_parameter(control):
    request = minimal_request(ClientToken="py-missing-1")
    del request["InstanceId"]
    # botocore checks required members itself; turned off, the request reaches the server as a user's raw call would.
    client = connect_client(parameter_validation=False)
    assert_invalid_parameter(control, client, request, "instanceId")


def test_out_of_range_value_raises_invalid_parameter(control):
    # botocore checks only minimums, so 20000 (above the max of 10080) goes out with validation on.
    client = connect_client()
    error = assert_invalid_parameter(
        control, client, minimal_request(ClientToken="py-range-1", ChatDurationInMinutes=20000), "chatDurationInMinutes")
    assert "10080" in error.response["Error"]["Message"]


@pytest.mark.parametrize("name,status", [
    ("ThrottlingException", 429), ("LimitExceededException", 429),
    ("ResourceNotFoundException", 404), ("AccessDeniedException", 403),
])
def test_injected_error_is_the_typed_exception(control, name, status):
    control.add_fault(operation="StartChatContact", error=name, count=1)
    client = connect_client()
    with pytest.raises(ClientError) as raised:
        client.start_chat_contact(**minimal_request(ClientToken=f"py-{name}"))

    assert_service_error(control, client, raised.value, name, status)


@pytest.mark.parametrize("fault", [{"error": "InternalServiceException"}, {"dropConnection": "AfterProcessing"}],
                         ids=["InternalServiceException", "dropConnection-AfterProcessing"])
def test_standard_retries_recover_with_the_same_contact(control, fault):
    control.add_fault(operation="StartChatContact", count=1, **fault)
    output = connect_client(retries={"mode": "standard", "total_max_attempts": 3}).start_chat_contact(**minimal_request())

    assert_started(output)
    assert output["ResponseMetadata"]["RetryAttempts"] == 1
    [contact] = control.contacts()
    assert (contact["contactId"], contact["participantId"]) == (output["ContactId"], output["ParticipantId"])
    second, first = control.requests()
    assert UUID_V4.match(first["clientToken"] or "")
    assert second["clientToken"] == first["clientToken"] == contact["clientToken"]
    assert first["connectionDropped"] == ("dropConnection" in fault)
    assert second["statusCode"] == 200 and second["requestId"] == output["ResponseMetadata"]["RequestId"]
