using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant;

public sealed class SendEventTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
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
        Assert.Equal(Wire.Iso(App.Clock.GetUtcNow()), receipt.GetProperty("ReadTimestamp").GetString());
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

    [Fact]
    public async Task SendEvent_ConnectionAcknowledged_IsPushedButNotKept()
    {
        const string acknowledged = "application/vnd.amazonaws.connect.event.connection.acknowledged";
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        var response = await chat.CallAsync("/participant/event", $$"""{"ContentType":"{{acknowledged}}"}""");
        var pushed = await socket.NextItemAsync();

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(response.Json.GetProperty("Id").GetString(), pushed.GetProperty("Id").GetString());
        Assert.Equal("EVENT", pushed.GetProperty("Type").GetString());
        Assert.Equal(acknowledged, pushed.GetProperty("ContentType").GetString());
        Assert.DoesNotContain(await chat.TranscriptAsync(), i => i.GetProperty("ContentType").GetString() == acknowledged);
        Assert.DoesNotContain(await Client.ControlTranscriptAsync(chat.ContactId), i => i.GetProperty("ContentType").GetString() == acknowledged);
    }

    public static TheoryData<string> UnlistedEventTypes() =>
    [
        "application/vnd.example.custom-event",
        "application/vnd.amazonaws.connect.event.participant.idle",
        "text/plain",
        "x",
        new string('e', 100),
    ];

    // The model makes ContentType a string of 1 to 100 characters, not an enum; the decision for a type the
    // documentation does not list is in docs/full-chat.md.
    [Theory]
    [MemberData(nameof(UnlistedEventTypes))]
    public async Task SendEvent_AnyContentTypeOf1To100Characters_IsPushedAsAnEvent_AndKeptOnlyIfTheTranscriptListsIt(string contentType)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        var response = await chat.CallAsync("/participant/event",
            System.Text.Json.JsonSerializer.Serialize(new { ContentType = contentType, Content = """{"anything":1}""" }));
        var pushed = await socket.NextItemAsync();

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(["Id", "AbsoluteTime"], response.MemberNames);
        Assert.Equal(response.Json.GetProperty("Id").GetString(), pushed.GetProperty("Id").GetString());
        Assert.Equal("EVENT", pushed.GetProperty("Type").GetString());
        Assert.Equal(contentType, pushed.GetProperty("ContentType").GetString());
        Assert.Equal("""{"anything":1}""", pushed.GetProperty("Content").GetString());
        Assert.Equal(chat.ParticipantId, pushed.GetProperty("ParticipantId").GetString());
        Assert.Equal("CUSTOMER", pushed.GetProperty("ParticipantRole").GetString());
        Assert.DoesNotContain(await chat.TranscriptAsync(), i => i.GetProperty("ContentType").GetString() == contentType);
    }

    [Theory]
    [InlineData("application/vnd.amazonaws.connect.event.participant.invited")]
    [InlineData("application/vnd.amazonaws.connect.event.transfer.failed")]
    public async Task SendEvent_AnEventTypeGetTranscriptDocuments_IsKept(string contentType)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var response = await chat.CallAsync("/participant/event", $$"""{"ContentType":"{{contentType}}"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var kept = Assert.Single(await chat.TranscriptAsync(), i => i.GetProperty("ContentType").GetString() == contentType);
        Assert.Equal(response.Json.GetProperty("Id").GetString(), kept.GetProperty("Id").GetString());
        Assert.Equal("EVENT", kept.GetProperty("Type").GetString());
    }

    [Theory]
    [InlineData("""{"ContentType":""}""", "Member must have length greater than or equal to 1")]
    [InlineData("""{"ContentType":"application/vnd.amazonaws.connect.event.typing.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}""", "Member must have length less than or equal to 100")]
    [InlineData("""{"ContentType":"application/vnd.amazonaws.connect.event.message.read","Content":"not json"}""", "Content of a receipt must be JSON")]
    public async Task SendEvent_Invalid_IsAValidationException(string body, string message)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        Assert.Contains(message, AwsAssert.Error(await chat.CallAsync("/participant/event", body), HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }
}
