using System.Net;

namespace ConnectMock.Tests.Infrastructure;

/// <summary>Assertions on what an AWS SDK reads from a response.</summary>
public static class AwsAssert
{
    /// <summary>
    /// An AWS restJson1 error: the status, the bare name in both x-amzn-ErrorType and __type, a Message,
    /// a request id, JSON content, and nothing that looks like a .NET stack trace.
    /// </summary>
    public static string Error(WireResponse response, HttpStatusCode status, string errorName)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal(errorName, response.Header("x-amzn-ErrorType"));
        Assert.Equal("application/json", response.ContentType);
        Assert.True(Guid.TryParse(response.RequestId, out _), $"x-amzn-RequestId '{response.RequestId}' is not a UUID");
        Assert.Equal(["__type", "Message"], response.MemberNames);
        Assert.Equal(errorName, response.Json.GetProperty("__type").GetString());
        var message = response.Json.GetProperty("Message").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain(" at ConnectMock", message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
        return message;
    }

    public static string InvalidParameter(WireResponse response) =>
        Error(response, HttpStatusCode.BadRequest, "InvalidParameterException");

    public static string InvalidRequest(WireResponse response) =>
        Error(response, HttpStatusCode.BadRequest, "InvalidRequestException");

    /// <summary>A 200 StartChatContact response: exactly AWS's member names, lowercase UUID ids, an opaque token.</summary>
    public static (string ContactId, string ParticipantId, string ParticipantToken) Started(WireResponse response, bool persistent = false)
    {
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json", response.ContentType);
        Assert.True(Guid.TryParse(response.RequestId, out _));
        string[] expected = persistent
            ? ["ContactId", "ParticipantId", "ParticipantToken", "ContinuedFromContactId"]
            : ["ContactId", "ParticipantId", "ParticipantToken"];
        Assert.Equal(expected, response.MemberNames);
        var contactId = response.Json.GetProperty("ContactId").GetString()!;
        var participantId = response.Json.GetProperty("ParticipantId").GetString()!;
        var token = response.Json.GetProperty("ParticipantToken").GetString()!;
        AssertLowercaseUuid(contactId);
        AssertLowercaseUuid(participantId);
        Assert.InRange(token.Length, 1, 1000);
        return (contactId, participantId, token);
    }

    private static void AssertLowercaseUuid(string value)
    {
        Assert.True(Guid.TryParseExact(value, "D", out _), $"'{value}' is not a UUID");
        Assert.Equal(value.ToLowerInvariant(), value);
    }
}
