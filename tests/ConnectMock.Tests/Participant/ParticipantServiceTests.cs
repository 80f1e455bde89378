using System.Net;
using System.Text.Json.Nodes;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant;

public sealed class ParticipantServiceTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task CreateParticipantConnection_GivesAWebSocketUrlAndAConnectionToken()
    {
        var chat = await NewChat().StartAsync();

        var response = await chat.CallAsync("/participant/connection", """{"Type":["WEBSOCKET","CONNECTION_CREDENTIALS"]}""", chat.ParticipantToken);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(["Websocket", "ConnectionCredentials"], response.MemberNames);
        var websocket = response.Json.GetProperty("Websocket");
        var credentials = response.Json.GetProperty("ConnectionCredentials");
        Assert.StartsWith("ws://127.0.0.1/chat/websocket?token=", websocket.GetProperty("Url").GetString(), StringComparison.Ordinal);
        Assert.Equal(Iso(App.Clock.GetUtcNow().AddSeconds(100)), websocket.GetProperty("ConnectionExpiry").GetString());
        Assert.Equal(Iso(App.Clock.GetUtcNow().AddDays(1)), credentials.GetProperty("Expiry").GetString());
        Assert.InRange(credentials.GetProperty("ConnectionToken").GetString()!.Length, 1, 1000);
        Assert.True(Guid.TryParse(response.RequestId, out _));
    }

    [Theory]
    [InlineData("""{"Type":["WEBSOCKET"]}""", "Websocket")]
    [InlineData("""{"Type":["CONNECTION_CREDENTIALS"]}""", "ConnectionCredentials")]
    [InlineData("""{"ConnectParticipant":true}""", null)]
    public async Task CreateParticipantConnection_ReturnsOnlyTheTypesAskedFor(string body, string? member)
    {
        var chat = await NewChat().StartAsync();

        var response = await chat.CallAsync("/participant/connection", body, chat.ParticipantToken);

        Assert.Equal(member is null ? [] : [member], response.MemberNames);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public async Task CreateParticipantConnection_WithAnUnknownToken_IsAccessDenied(string token)
    {
        await NewChat().StartAsync();

        var response = await NewChat().CallAsync("/participant/connection", """{"Type":["WEBSOCKET"]}""", token);

        Assert.Equal("You do not have sufficient access to perform this action.", AwsAssert.Error(response, HttpStatusCode.Forbidden, "AccessDeniedException"));
    }

    [Theory]
    [InlineData(33)]
    [InlineData(64)]
    public async Task CreateParticipantConnection_RealIdsWithAnotherSecret_IsAccessDenied_AndTheRealTokenStillWorks(int alteredByte)
    {
        // Bytes 0-32 of a participant token are its kind and ids, 33-64 its secret: only the secret proves it.
        var chat = await NewChat().StartAsync();
        var bytes = Convert.FromBase64String(chat.ParticipantToken);
        bytes[alteredByte] ^= 0x01;

        var forged = await chat.CallAsync("/participant/connection", """{"Type":["WEBSOCKET"]}""", Convert.ToBase64String(bytes));
        var real = await chat.CallAsync("/participant/connection", """{"Type":["WEBSOCKET"]}""", chat.ParticipantToken);

        AwsAssert.Error(forged, HttpStatusCode.Forbidden, "AccessDeniedException");
        Assert.Equal(HttpStatusCode.OK, real.Status);
    }

    [Fact]
    public async Task CreateParticipantConnection_WithTheConnectionTokenInsteadOfTheParticipantToken_IsAccessDenied()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var response = await chat.CallAsync("/participant/connection", """{"Type":["WEBSOCKET"]}""", chat.ConnectionToken);

        AwsAssert.Error(response, HttpStatusCode.Forbidden, "AccessDeniedException");
    }

    [Fact]
    public async Task ParticipantCalls_WithoutBearer_AreValidationErrorsNamingTheMember()
    {
        var response = await NewChat().CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"x"}""");

        Assert.Equal(
            "1 validation error detected: Value null at 'connectionToken' failed to satisfy constraint: Member must not be null",
            AwsAssert.Error(response, HttpStatusCode.BadRequest, "ValidationException"));
    }

    [Theory]
    [InlineData("""{"Type":["SMOKE_SIGNALS"]}""", "Member must satisfy constraint: [Member must satisfy enum value set: [WEBSOCKET, CONNECTION_CREDENTIALS, WEBRTC_CONNECTION]]")]
    [InlineData("""{"Type":[]}""", "Member must have length greater than or equal to 1")]
    [InlineData("""{"Type":"WEBSOCKET"}""", "The value at 'type' has the wrong JSON type: expected a JSON array.")]
    public async Task CreateParticipantConnection_InvalidBody_IsAValidationException(string body, string message)
    {
        var chat = await NewChat().StartAsync();

        var response = await chat.CallAsync("/participant/connection", body, chat.ParticipantToken);

        Assert.Contains(message, AwsAssert.Error(response, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_IsInTheTranscriptAfterTheInitialMessage()
    {
        var chat = await (await NewChat().StartAsync(Requests.Minimal().With("InitialMessage",
            new JsonObject { ["ContentType"] = "text/plain", ["Content"] = "first" }))).ConnectAsync();

        var response = await chat.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"second"}""");
        var transcript = await chat.TranscriptAsync();

        Assert.Equal(["Id", "AbsoluteTime"], response.MemberNames);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", response.Json.GetProperty("AbsoluteTime").GetString());
        var messages = transcript.Where(i => i.GetProperty("Type").GetString() == "MESSAGE").ToList();
        Assert.Equal(["first", "second"], messages.Select(m => m.GetProperty("Content").GetString()));
        Assert.Equal(response.Json.GetProperty("Id").GetString(), messages[1].GetProperty("Id").GetString());
        Assert.All(messages, m =>
        {
            Assert.Equal("CUSTOMER", m.GetProperty("ParticipantRole").GetString());
            Assert.Equal(chat.ParticipantId, m.GetProperty("ParticipantId").GetString());
            Assert.Equal("Jane", m.GetProperty("DisplayName").GetString());
            Assert.Equal(chat.ContactId, m.GetProperty("ContactId").GetString());
        });
        Assert.Equal("application/vnd.amazonaws.connect.event.participant.joined", transcript[0].GetProperty("ContentType").GetString());
    }

    [Fact]
    public async Task SendMessage_SameClientToken_ReturnsTheSameMessageOnce()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var first = await chat.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"once","ClientToken":"m-1"}""");
        var again = await chat.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"once","ClientToken":"m-1"}""");

        Assert.Equal(first.Body, again.Body);
        Assert.Single(await chat.TranscriptAsync(), i => i.GetProperty("Type").GetString() == "MESSAGE");
    }

    [Theory]
    [InlineData("text/markdown", null, "ContentType 'text/markdown' is not supported by this chat; its SupportedMessagingContentTypes are [text/plain].")]
    [InlineData("application/vnd.amazonaws.connect.message.interactive", "application/vnd.amazonaws.connect.message.interactive", "is not supported by this chat")]
    public async Task SendMessage_ContentTypeTheChatDoesNotSupport_IsAValidationException(string contentType, string? alsoSupported, string message)
    {
        var body = Requests.Minimal();
        if (alsoSupported is not null)
        {
            body.With("SupportedMessagingContentTypes", new JsonArray("text/plain", alsoSupported));
        }

        var chat = await (await NewChat().StartAsync(body)).ConnectAsync();

        var response = await chat.CallAsync("/participant/message", $$"""{"ContentType":"{{contentType}}","Content":"x"}""");

        Assert.Contains(message, AwsAssert.Error(response, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_ContentTypeTheChatSupports_IsAccepted()
    {
        var chat = await (await NewChat().StartAsync(Requests.Minimal()
            .With("SupportedMessagingContentTypes", new JsonArray("text/plain", "text/markdown")))).ConnectAsync();

        await chat.SendMessageAsync("**bold**", "text/markdown");
    }

    [Theory]
    [InlineData(1024, HttpStatusCode.OK)]
    [InlineData(1025, HttpStatusCode.BadRequest)]
    public async Task SendMessage_PlainTextLimit_Is1024(int length, HttpStatusCode status)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var response = await chat.CallAsync("/participant/message", $$"""{"ContentType":"text/plain","Content":"{{Requests.Text(length)}}"}""");

        Assert.Equal(status, response.Status);
        if (status == HttpStatusCode.BadRequest)
        {
            Assert.Contains("'content' failed to satisfy constraint: Member must have length less than or equal to 1024 for ContentType text/plain",
                AwsAssert.Error(response, status, "ValidationException"), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{"Content":"x"}""", "Value null at 'contentType' failed to satisfy constraint: Member must not be null")]
    [InlineData("""{"ContentType":"text/plain"}""", "Value null at 'content' failed to satisfy constraint: Member must not be null")]
    [InlineData("""{"ContentType":"text/plain","Content":""}""", "Member must have length greater than or equal to 1")]
    [InlineData("{", "The request body is not valid JSON")]
    public async Task SendMessage_Invalid_IsAValidationException(string body, string message)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        Assert.Contains(message, AwsAssert.Error(await chat.CallAsync("/participant/message", body), HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendEvent_Typing_IsNotKeptInTheTranscript()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var response = await chat.CallAsync("/participant/event", """{"ContentType":"application/vnd.amazonaws.connect.event.typing"}""");

        Assert.Equal(["Id", "AbsoluteTime"], response.MemberNames);
        Assert.DoesNotContain(await chat.TranscriptAsync(), i => i.GetProperty("ContentType").GetString()!.EndsWith("typing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendEvent_ReadReceipt_IsAMessageMetadataItem_AndRepeatedClientTokensAreNotDeduplicated()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var first = await chat.SendMessageAsync("one");
        var second = await chat.SendMessageAsync("two");

        // chatjs sends ClientToken INCOMING_READ_RECEIPT with every read receipt.
        foreach (var id in new[] { first, second })
        {
            var response = await chat.CallAsync("/participant/event",
                $$"""{"ContentType":"application/vnd.amazonaws.connect.event.message.read","Content":"{\"messageId\":\"{{id}}\"}","ClientToken":"INCOMING_READ_RECEIPT"}""");
            Assert.Equal(HttpStatusCode.OK, response.Status);
        }

        // The transcript shows each receipt on its message, as the model's Item.MessageMetadata does.
        var transcript = await chat.TranscriptAsync();
        Assert.DoesNotContain(transcript, i => i.GetProperty("Type").GetString() == "MESSAGEMETADATA");
        var messages = transcript.Where(i => i.GetProperty("Type").GetString() == "MESSAGE").ToList();
        Assert.Equal([first, second], messages.Select(m => m.GetProperty("MessageMetadata").GetProperty("MessageId").GetString()));
        var receipt = Assert.Single(messages[0].GetProperty("MessageMetadata").GetProperty("Receipts").EnumerateArray());
        Assert.Equal(chat.ParticipantId, receipt.GetProperty("RecipientParticipantId").GetString());
        Assert.Equal(Iso(App.Clock.GetUtcNow()), receipt.GetProperty("ReadTimestamp").GetString());
        Assert.False(receipt.TryGetProperty("DeliveredTimestamp", out _));
    }

    [Fact]
    public async Task SendEvent_ReceiptForAnUnknownMessage_IsAConflict()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var response = await chat.CallAsync("/participant/event",
            """{"ContentType":"application/vnd.amazonaws.connect.event.message.delivered","Content":"{\"messageId\":\"nope\"}"}""");

        Assert.Equal("No message with the id 'nope' is in this chat.", AwsAssert.Error(response, HttpStatusCode.Conflict, "ConflictException"));
    }

    [Theory]
    [InlineData("""{"ContentType":"application/vnd.amazonaws.connect.event.dancing"}""", "Member must satisfy enum value set")]
    [InlineData("""{"ContentType":"application/vnd.amazonaws.connect.event.message.read","Content":"not json"}""", "Content of a receipt must be JSON")]
    public async Task SendEvent_Invalid_IsAValidationException(string body, string message)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        Assert.Contains(message, AwsAssert.Error(await chat.CallAsync("/participant/event", body), HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisconnectParticipant_EndsTheChatAndRevokesItsTokens()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var response = await chat.CallAsync("/participant/disconnect", "{}");
        var reconnect = await chat.CallAsync("/participant/connection", """{"Type":["WEBSOCKET"]}""", chat.ParticipantToken);
        var message = await chat.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"x"}""");
        var contact = (await Client.SendAsync(HttpMethod.Get, $"/contacts/11111111-2222-3333-4444-555555555555/{chat.ContactId}")).Json.GetProperty("Contact");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("{}", response.Body);
        AwsAssert.Error(reconnect, HttpStatusCode.Forbidden, "AccessDeniedException");
        AwsAssert.Error(message, HttpStatusCode.Forbidden, "AccessDeniedException");
        Assert.Equal("CUSTOMER_DISCONNECT", contact.GetProperty("DisconnectReason").GetString());
    }

    [Fact]
    public async Task ConnectionTokens_StopWorkingAfterADay()
    {
        var chat = await (await NewChat().StartAsync(Requests.Minimal().With("ChatDurationInMinutes", 10_080))).ConnectAsync();

        App.Clock.Advance(TimeSpan.FromDays(1));

        AwsAssert.Error(await chat.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"x"}"""), HttpStatusCode.Forbidden, "AccessDeniedException");
        await chat.ConnectAsync();
        await chat.SendMessageAsync("a new connection token works");
    }

    [Fact]
    public async Task ParticipantCalls_AfterTheChatDuration_AreAccessDenied()
    {
        var chat = await (await NewChat().StartAsync(Requests.Minimal().With("ChatDurationInMinutes", 60))).ConnectAsync();

        App.Clock.Advance(TimeSpan.FromMinutes(60));

        AwsAssert.Error(await chat.CallAsync("/participant/connection", """{"Type":["WEBSOCKET"]}""", chat.ParticipantToken), HttpStatusCode.Forbidden, "AccessDeniedException");
        Assert.Contains(await Client.ControlTranscriptAsync(chat.ContactId), i => i.GetProperty("ContentType").GetString() == "application/vnd.amazonaws.connect.event.chat.ended");
    }

    [Fact]
    public async Task ParticipantOperations_AreJournaledAndTakeFaults()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await Client.ControlAsync(HttpMethod.Post, "/faults", """{"operation":"SendMessage","error":"ThrottlingException","count":1}""");

        var throttled = await chat.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"x"}""");
        var entry = (await Client.ControlAsync(HttpMethod.Get, "/requests?operation=SendMessage")).Json.GetProperty("requests")[0];

        AwsAssert.Error(throttled, HttpStatusCode.TooManyRequests, "ThrottlingException");
        Assert.Equal(throttled.RequestId, entry.GetProperty("requestId").GetString());
        Assert.Equal("/participant/message", entry.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Cors_PreflightFromAnotherOrigin_AllowsTheSdkHeadersAndExposesTheErrorHeaders()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/participant/connection");
        preflight.Headers.Add("Origin", "http://127.0.0.1:3000");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-amz-bearer,x-amz-content-sha256,x-amz-date,x-amz-user-agent");
        using var answer = await Client.SendAsync(preflight, TestContext.Current.CancellationToken);

        using var actual = new HttpRequestMessage(HttpMethod.Post, "/participant/message") { Content = Wire.Json("{}") };
        actual.Headers.Add("Origin", "http://127.0.0.1:3000");
        using var error = await Client.SendAsync(actual, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-amz-bearer", answer.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("x-amzn-ErrorType", error.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("x-amzn-RequestId", error.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/_connectmock/contacts")]
    [InlineData("/contact/chat")]
    public async Task Cors_OnlyTheParticipantServiceAllowsOtherOrigins(string path)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", "http://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var answer = await Client.SendAsync(preflight, TestContext.Current.CancellationToken);

        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"), $"{path} allowed a page of another origin");
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
