using System.Net;
using ConnectMock.Tests.Infrastructure;
using ConnectMock.Tests.Participant.Attachments;

namespace ConnectMock.Tests.ControlPlane;

public sealed class AttachmentEndpointsTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task AgentSendsAFile_TheCustomerSeesItAndDownloadsTheExactBytes()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await Client.SendAsync(HttpMethod.Post, $"/_connectmock/contacts/{chat.ContactId}/agent", Wire.Json("""{"displayName":"Alex"}"""));
        var bytes = Attachments.RandomFile(50_000);

        var sent = await SendAsAgentAsync(chat.ContactId, "reply.pdf", "application/pdf", bytes);
        var item = Assert.Single(await chat.TranscriptAsync(), i => i.GetProperty("Type").GetString() == "ATTACHMENT");
        var id = item.GetProperty("Attachments")[0].GetProperty("AttachmentId").GetString()!;
        var url = (await chat.GetAsync(id)).Json.GetProperty("Url").GetString()!;

        Assert.Equal(HttpStatusCode.Created, sent.Status);
        Assert.Equal(id, sent.Json.GetProperty("attachmentId").GetString());
        Assert.Equal("AGENT", item.GetProperty("ParticipantRole").GetString());
        Assert.Equal("Alex", item.GetProperty("DisplayName").GetString());
        Assert.Equal(bytes, (await Client.DownloadAsync(url)).Bytes);
    }

    [Fact]
    public async Task ListAndContent_ShowWhatTheCustomerSent()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var bytes = Attachments.RandomFile(1234);
        var id = await chat.SendFileAsync(Client, "photo.jpg", "image/jpeg", bytes);
        await chat.StartUploadAsync("later.txt", "text/plain", 10);

        var list = await Client.SendAsync(HttpMethod.Get, $"/_connectmock/contacts/{chat.ContactId}/attachments");
        using var content = await Client.GetAsync($"/_connectmock/attachments/{id}/content", TestContext.Current.CancellationToken);

        var attachments = list.Json.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(["photo.jpg", "later.txt"], attachments.Select(a => a.GetProperty("attachmentName").GetString()));
        Assert.Equal("Completed", attachments[0].GetProperty("phase").GetString());
        Assert.Equal("APPROVED", attachments[0].GetProperty("status").GetString());
        Assert.Equal("AwaitingUpload", attachments[1].GetProperty("phase").GetString());
        Assert.False(attachments[1].GetProperty("bytesHeld").GetBoolean());
        Assert.Equal("image/jpeg", content.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await content.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AgentSendsAFile_WithoutAnAgentOrOfAForbiddenType_IsRefusedAndNothingIsPosted()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var noAgent = await SendAsAgentAsync(chat.ContactId, "a.txt", "text/plain", [1]);
        await Client.SendAsync(HttpMethod.Post, $"/_connectmock/contacts/{chat.ContactId}/agent", Wire.Json("{}"));
        var zip = await SendAsAgentAsync(chat.ContactId, "a.zip", "application/zip", [1]);
        var noName = await Client.SendAsync(HttpMethod.Post, $"/_connectmock/contacts/{chat.ContactId}/agent/attachments",
            Wire.Json("""{"contentType":"text/plain","contentBase64":"AQ=="}"""));

        Assert.Equal(HttpStatusCode.Conflict, noAgent.Status);
        Assert.Equal(HttpStatusCode.BadRequest, zip.Status);
        Assert.Contains("ContentType", zip.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noName.Status);
        Assert.DoesNotContain(await chat.TranscriptAsync(), i => i.GetProperty("Type").GetString() == "ATTACHMENT");
    }

    private Task<WireResponse> SendAsAgentAsync(string contactId, string name, string contentType, byte[] bytes) =>
        Client.SendAsync(HttpMethod.Post, $"/_connectmock/contacts/{contactId}/agent/attachments", Wire.Json(System.Text.Json.JsonSerializer.Serialize(
            new { name, contentType, contentBase64 = Convert.ToBase64String(bytes) })));
}
