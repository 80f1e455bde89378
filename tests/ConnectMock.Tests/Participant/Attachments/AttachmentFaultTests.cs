using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant.Attachments;

/// <summary>The control plane's faults and journal cover the attachment operations as they do every other.</summary>
public sealed class AttachmentFaultTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Theory]
    [InlineData("StartAttachmentUpload", "ThrottlingException", HttpStatusCode.TooManyRequests)]
    [InlineData("CompleteAttachmentUpload", "InternalServerException", HttpStatusCode.InternalServerError)]
    [InlineData("GetAttachment", "ThrottlingException", HttpStatusCode.TooManyRequests)]
    public async Task InjectedError_AnswersTheCallOnce_AndTheJournalRecordsIt(string operation, string error, HttpStatusCode status)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var id = await chat.SendFileAsync(Client, "a.txt", "text/plain", [1]);
        await Client.ControlAsync(HttpMethod.Post, "/faults", $$"""{"operation":"{{operation}}","error":"{{error}}","count":1}""");

        var failed = await CallAsync(chat, operation, id);
        var next = await CallAsync(chat, operation, id);
        var journal = (await Client.ControlAsync(HttpMethod.Get, $"/requests?operation={operation}")).Json.GetProperty("requests").EnumerateArray().ToList();

        AwsAssert.Error(failed, status, error);
        Assert.NotEqual(status, next.Status);
        Assert.Equal([(int)next.Status, (int)status], journal.Take(2).Select(e => e.GetProperty("statusCode").GetInt32()));
        Assert.Equal(error, journal[1].GetProperty("errorName").GetString());
    }

    private static Task<WireResponse> CallAsync(ChatDriver chat, string operation, string attachmentId) => operation switch
    {
        "StartAttachmentUpload" => chat.StartUploadAsync("b.txt", "text/plain", 1),
        "CompleteAttachmentUpload" => chat.CompleteAsync(attachmentId),
        _ => chat.GetAsync(attachmentId),
    };
}
