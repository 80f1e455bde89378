using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant.Attachments;

public sealed class CompleteAttachmentUploadTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task Complete_AfterTheUpload_PostsTheAttachmentItemToTheTranscriptAndTheSocket()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();
        var started = await chat.StartUploadAsync("receipt.png", "image/png", 3);
        var id = started.Json.GetProperty("AttachmentId").GetString()!;
        await Client.PutAsync(started.Json.GetProperty("UploadMetadata"), [1, 2, 3]);

        var completed = await chat.CompleteAsync(id);
        var pushed = await NextAttachmentAsync(socket);
        var item = Assert.Single(await chat.TranscriptAsync(), i => i.GetProperty("Type").GetString() == "ATTACHMENT");

        Assert.Equal(HttpStatusCode.OK, completed.Status);
        Assert.Equal("{}", completed.Body);
        Assert.Equal(item.GetProperty("Id").GetString(), pushed.GetProperty("Id").GetString());
        Assert.False(item.TryGetProperty("ContentType", out _)); // Connect's attachment items carry the type in Attachments only
        Assert.Equal("CUSTOMER", item.GetProperty("ParticipantRole").GetString());
        Assert.Equal(chat.ParticipantId, item.GetProperty("ParticipantId").GetString());
        var attachment = Assert.Single(item.GetProperty("Attachments").EnumerateArray().ToList());
        Assert.Equal(["ContentType", "AttachmentId", "AttachmentName", "Status"], attachment.EnumerateObject().Select(p => p.Name));
        Assert.Equal("image/png", attachment.GetProperty("ContentType").GetString());
        Assert.Equal(id, attachment.GetProperty("AttachmentId").GetString());
        Assert.Equal("receipt.png", attachment.GetProperty("AttachmentName").GetString());
        Assert.Equal("APPROVED", attachment.GetProperty("Status").GetString());
    }

    [Fact]
    public async Task Complete_BeforeTheBytesArrived_IsAValidationException()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var started = await chat.StartUploadAsync("a.txt", "text/plain", 3);

        var response = await chat.CompleteAsync(started.Json.GetProperty("AttachmentId").GetString()!);

        Assert.Contains("was not uploaded", AwsAssert.Error(response, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
        Assert.DoesNotContain(await chat.TranscriptAsync(), i => i.GetProperty("Type").GetString() == "ATTACHMENT");
    }

    [Fact]
    public async Task Complete_Again_WithTheSameClientTokenSucceeds_WithAnotherIsAConflict_AndOneItemIsPosted()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var started = await chat.StartUploadAsync("a.txt", "text/plain", 1);
        var id = started.Json.GetProperty("AttachmentId").GetString()!;
        await Client.PutAsync(started.Json.GetProperty("UploadMetadata"), [42]);

        var first = await chat.CompleteAsync(id, "complete-1");
        var repeat = await chat.CompleteAsync(id, "complete-1");
        var other = await chat.CompleteAsync(id, "complete-2");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, repeat.Status);
        AwsAssert.Error(other, HttpStatusCode.Conflict, "ConflictException");
        Assert.Single(await chat.TranscriptAsync(), i => i.GetProperty("Type").GetString() == "ATTACHMENT");
    }

    [Theory]
    [InlineData("""{"AttachmentIds":[],"ClientToken":"t"}""", "attachmentIds")]
    [InlineData("""{"AttachmentIds":["a","b"],"ClientToken":"t"}""", "attachmentIds")]
    [InlineData("""{"AttachmentIds":["a"]}""", "clientToken")]
    public async Task Complete_NotExactlyOneAttachmentOrNoClientToken_IsAValidationException(string body, string member)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var response = await chat.CallAsync("/participant/complete-attachment-upload", body);

        Assert.Contains($"at '{member}'", AwsAssert.Error(response, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_OfAnotherChatsAttachment_IsAValidationException_AndPostsNothing()
    {
        var owner = await (await NewChat().StartAsync()).ConnectAsync();
        var id = await owner.SendFileAsync(Client, "a.txt", "text/plain", [1]);
        var other = await (await NewChat().StartAsync()).ConnectAsync();

        var response = await other.CompleteAsync(id);

        Assert.Contains("AttachmentIds", AwsAssert.Error(response, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
        Assert.DoesNotContain(await other.TranscriptAsync(), i => i.GetProperty("Type").GetString() == "ATTACHMENT");
    }

    private static async Task<System.Text.Json.JsonElement> NextAttachmentAsync(ChatSocket socket)
    {
        while (true)
        {
            var item = await socket.NextItemAsync();
            if (item.GetProperty("Type").GetString() == "ATTACHMENT")
            {
                return item;
            }
        }
    }
}
