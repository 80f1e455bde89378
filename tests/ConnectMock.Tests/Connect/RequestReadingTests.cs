using System.Net;
using System.Text;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Connect;

/// <summary>Requests that cannot be read as one JSON object of the right shape: InvalidRequestException, never a 500.</summary>
public sealed class RequestReadingTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    public static TheoryData<string, string, string> WrongTypes() => new()
    {
        { "a number for a string", """{"InstanceId":5}""", "The value at 'instanceId' has the wrong JSON type: expected a string." },
        { "a boolean for a string", """{"ContactFlowId":true}""", "The value at 'contactFlowId' has the wrong JSON type: expected a string." },
        { "a string for an integer", """{"ChatDurationInMinutes":"60"}""", "The value at 'chatDurationInMinutes' has the wrong JSON type: expected an integer." },
        { "a fraction for an integer", """{"ChatDurationInMinutes":60.5}""", "The value at 'chatDurationInMinutes' has the wrong JSON type: expected an integer." },
        { "an integer beyond 32 bits", """{"ChatDurationInMinutes":4294967296}""", "The value at 'chatDurationInMinutes' has the wrong JSON type: expected an integer." },
        { "an array for an object", """{"ParticipantDetails":[]}""", "The value at 'participantDetails' has the wrong JSON type: expected a JSON object." },
        { "a string for an object", """{"InitialMessage":"hi"}""", "The value at 'initialMessage' has the wrong JSON type: expected a JSON object." },
        { "an object for a string", """{"ParticipantDetails":{"DisplayName":{"First":"Jane"}}}""", "The value at 'participantDetails.displayName' has the wrong JSON type: expected a string." },
        { "an object for a list", """{"SupportedMessagingContentTypes":{"a":"text/plain"}}""", "The value at 'supportedMessagingContentTypes' has the wrong JSON type: expected a JSON array." },
        { "a number in a list of strings", """{"SupportedMessagingContentTypes":["text/plain",7]}""", "The value at 'supportedMessagingContentTypes.2.member' has the wrong JSON type: expected a string." },
        { "a number as a map value", """{"Attributes":{"k":1}}""", "The value at 'attributes.k' has the wrong JSON type: expected a string." },
        { "a list for a map", """{"Attributes":["k"]}""", "The value at 'attributes' has the wrong JSON type: expected a JSON object." },
        { "a string for a nested integer", """{"SegmentAttributes":{"k":{"ValueInteger":"1"}}}""", "The value at 'segmentAttributes.k.valueInteger' has the wrong JSON type: expected an integer." },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task StartChatContact_WrongJsonType_IsAnInvalidRequestNamingTheMember(string caseName, string body, string expected)
    {
        var message = AwsAssert.InvalidRequest(await Client.StartChatAsync(body));

        Assert.True(expected == message, $"{caseName}: {message}");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"InstanceId\":}")]
    [InlineData("{\"InstanceId\" \"i\"}")]
    [InlineData("{'InstanceId':'i'}")]
    [InlineData("{\"InstanceId\":\"i\",}")]
    [InlineData("not json")]
    public async Task StartChatContact_MalformedJson_IsAnInvalidRequest(string body)
    {
        var message = AwsAssert.InvalidRequest(await Client.StartChatAsync(body));

        Assert.StartsWith("The request body is not valid JSON: syntax error at line 1, byte ", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public async Task StartChatContact_BodyNotAnObject_IsAnInvalidRequest(string body)
    {
        var message = AwsAssert.InvalidRequest(await Client.StartChatAsync(body));

        Assert.Equal("The request body must be a JSON object.", message);
    }

    [Fact]
    public async Task StartChatContact_DataAfterTheObject_IsAnInvalidRequest()
    {
        var message = AwsAssert.InvalidRequest(await Client.StartChatAsync(Requests.Minimal().ToJsonString() + " {}"));

        Assert.Contains("not valid JSON", message, StringComparison.Ordinal);
        Assert.Equal(0, App.Store.Count);
    }

    [Fact]
    public async Task StartChatContact_InvalidUtf8_IsAnInvalidRequest()
    {
        var body = Encoding.UTF8.GetBytes("""{"InstanceId":"ab"}""");
        body[15] = 0xFF;

        var message = AwsAssert.InvalidRequest(await Client.SendAsync(HttpMethod.Put, Wire.ChatPath, Wire.Raw(body, "application/json")));

        Assert.Equal("The request body is not valid JSON: a string is not valid Unicode at line 1, byte 15.", message);
    }

    [Fact]
    public async Task StartChatContact_LoneSurrogateEscape_IsAnInvalidRequest()
    {
        var message = AwsAssert.InvalidRequest(await Client.StartChatAsync("""{"InstanceId":"\ud800"}"""));

        Assert.Contains("a string is not valid Unicode", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartChatContact_NestingDeeperThanAllowed_IsAnInvalidRequest()
    {
        var deep = new StringBuilder("""{"SegmentAttributes":{"k":""");
        for (var i = 0; i < 70; i++)
        {
            deep.Append("""{"ValueMap":{"k":""");
        }

        deep.Append("{}").Append(new string('}', 2 * 70)).Append("}}");

        var message = AwsAssert.InvalidRequest(await Client.StartChatAsync(deep.ToString()));

        Assert.StartsWith("The request body nests JSON objects and arrays deeper than the limit of 64 levels", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartChatContact_EmptyBody_ReportsTheMissingRequiredMembers()
    {
        var response = await Client.SendAsync(HttpMethod.Put, Wire.ChatPath, Wire.Raw([], "application/json"));

        var message = AwsAssert.InvalidParameter(response);
        Assert.Equal(
            "3 validation errors detected: " +
            "Value null at 'instanceId' failed to satisfy constraint: Member must not be null; " +
            "Value null at 'contactFlowId' failed to satisfy constraint: Member must not be null; " +
            "Value null at 'participantDetails' failed to satisfy constraint: Member must not be null",
            message);
    }

    [Fact]
    public async Task StartChatContact_NoBodyAtAll_ReportsTheMissingRequiredMembers()
    {
        var response = await Client.SendAsync(HttpMethod.Put, Wire.ChatPath);

        Assert.StartsWith("3 validation errors detected", AwsAssert.InvalidParameter(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task StartChatContact_ExplicitNonJsonContentType_IsAnInvalidRequest(string contentType)
    {
        var body = Encoding.UTF8.GetBytes(Requests.Minimal().ToJsonString());

        var message = AwsAssert.InvalidRequest(await Client.SendAsync(HttpMethod.Put, Wire.ChatPath, Wire.Raw(body, contentType)));

        Assert.Equal($"Content-Type '{contentType}' is not supported: send the request body as application/json.", message);
        Assert.Equal(0, App.Store.Count);
    }

    [Fact]
    public async Task StartChatContact_BodyOverTheLimit_IsAnInvalidRequest()
    {
        var huge = Requests.Minimal().With("Padding", new string('x', 2 * 1024 * 1024)).ToJsonString();

        var message = AwsAssert.InvalidRequest(await Client.StartChatAsync(huge));

        Assert.Equal("The request body is larger than the limit of 1048576 bytes.", message);
    }

    [Fact]
    public async Task StartChatContact_ChunkedBodyOverTheLimit_IsAnInvalidRequest()
    {
        var huge = Encoding.UTF8.GetBytes(Requests.Minimal().With("Padding", new string('x', 2 * 1024 * 1024)).ToJsonString());
        using var content = new StreamContent(new NoLengthStream(huge));
        content.Headers.ContentType = new("application/json");

        var message = AwsAssert.InvalidRequest(await Client.SendAsync(HttpMethod.Put, Wire.ChatPath, content));

        Assert.Equal("The request body is larger than the limit of 1048576 bytes.", message);
    }

    [Fact]
    public async Task StartChatContact_BadRequestsLeaveTheStoreUntouched()
    {
        var stored = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "keep").ToJsonString()));

        await Client.StartChatAsync("{");
        await Client.StartChatAsync("""{"InstanceId":5}""");
        await Client.StartChatAsync(Requests.Minimal(clientToken: "keep").With("ChatDurationInMinutes", 1).ToJsonString());

        Assert.Equal(1, App.Store.Count);
        Assert.Equal(stored, AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "keep").ToJsonString())));
    }

    [Theory]
    [InlineData("GET", "/contact/chat")]
    [InlineData("POST", "/contact/chat")]
    [InlineData("DELETE", "/contact/chat")]
    [InlineData("PUT", "/contact/chats")]
    [InlineData("POST", "/")] // GET / is the web console (WebConsoleTests)
    public async Task UnservedMethodOrPath_IsAnAwsUnknownOperationError(string method, string path)
    {
        var response = await Client.SendAsync(new HttpMethod(method), path);

        var message = AwsAssert.Error(response, HttpStatusCode.NotFound, "UnknownOperationException");
        Assert.Equal($"ConnectMock serves no operation at {method} {path}.", message);
    }

    /// <summary>A stream whose length is unknown, so the client sends the body chunked, without Content-Length.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
