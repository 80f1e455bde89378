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

    [Theory]
    [InlineData("""{"ContentType":"application/vnd.amazonaws.connect.event.dancing"}""", "Member must satisfy enum value set")]
    [InlineData("""{"ContentType":"application/vnd.amazonaws.connect.event.message.read","Content":"not json"}""", "Content of a receipt must be JSON")]
    public async Task SendEvent_Invalid_IsAValidationException(string body, string message)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        Assert.Contains(message, AwsAssert.Error(await chat.CallAsync("/participant/event", body), HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }
}
