using System.Net;
using System.Text.Json.Nodes;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant;

public sealed class SendMessageTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
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
}
