using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant.Attachments;

/// <summary>Attachment bytes stay within ConnectMock:Attachments:MaxBytes, oldest out first, and go with their contact.</summary>
public sealed class AttachmentBudgetTests(AttachmentBudgetFactory app) : ConnectMockTest<AttachmentBudgetFactory>(app)
{
    [Fact]
    public async Task UploadingFarMoreThanTheBudget_KeepsTheNewestWithinIt_AndTheOldestAreGone()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await chat.SendFileAsync(Client, $"{i}.txt", "text/plain", Attachments.RandomFile(AttachmentBudgetFactory.FileBytes)));
            var usage = (await Client.SendAsync(HttpMethod.Get, "/_connectmock/attachments")).Json;
            Assert.InRange(usage.GetProperty("bytes").GetInt64(), 0, AttachmentBudgetFactory.MaxBytes);
        }

        AwsAssert.Error(await chat.GetAsync(ids[0]), HttpStatusCode.Forbidden, "AccessDeniedException");
        Assert.Equal(HttpStatusCode.OK, (await chat.GetAsync(ids[^1])).Status);
        Assert.Equal(AttachmentBudgetFactory.MaxBytes / AttachmentBudgetFactory.FileBytes,
            (await Client.SendAsync(HttpMethod.Get, "/_connectmock/attachments")).Json.GetProperty("attachments").GetInt32());
    }

    [Fact]
    public async Task Reset_TakesTheAttachmentsWithTheirContacts()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await chat.SendFileAsync(Client, "a.txt", "text/plain", Attachments.RandomFile(1000));

        await Client.SendAsync(HttpMethod.Post, "/_connectmock/reset");
        var usage = (await Client.SendAsync(HttpMethod.Get, "/_connectmock/attachments")).Json;

        Assert.Equal(0, usage.GetProperty("attachments").GetInt32());
        Assert.Equal(0, usage.GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task AFileLargerThanMaxFileBytes_IsRefusedAtItsStart()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var response = await chat.StartUploadAsync("big.txt", "text/plain", AttachmentBudgetFactory.MaxBytes);

        Assert.Contains("MaxFileBytes", AwsAssert.Error(response, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }
}

public sealed class AttachmentBudgetFactory : ConnectMockFactory
{
    public const int FileBytes = 100_000;
    public const long MaxBytes = 5 * FileBytes;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("ConnectMock:Attachments:MaxBytes", MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("ConnectMock:Attachments:MaxFileBytes", (2 * FileBytes).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}
