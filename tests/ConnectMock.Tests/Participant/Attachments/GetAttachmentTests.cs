using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant.Attachments;

public sealed class GetAttachmentTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task Get_GivesAUrlThatServesTheExactBytesWithTheirType()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var bytes = Attachments.RandomFile(100_000);
        var id = await chat.SendFileAsync(Client, "scan.pdf", "application/pdf", bytes);

        var response = await chat.GetAsync(id);
        var (status, contentType, downloaded) = await Client.DownloadAsync(response.Json.GetProperty("Url").GetString()!);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(["Url", "UrlExpiry", "AttachmentSizeInBytes"], response.MemberNames);
        Assert.Equal(100_000, response.Json.GetProperty("AttachmentSizeInBytes").GetInt64());
        Assert.Equal(App.Clock.GetUtcNow().AddSeconds(300).ToString("yyyy-MM-dd'T'HH:mm:ss'.000Z'", System.Globalization.CultureInfo.InvariantCulture),
            response.Json.GetProperty("UrlExpiry").GetString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/pdf", contentType);
        Assert.Equal(bytes, downloaded);
    }

    [Fact]
    public async Task Get_WithAnotherConnectionOfTheChat_Works()
    {
        var customer = await (await NewChat().StartAsync()).ConnectAsync();
        var id = await customer.SendFileAsync(Client, "a.txt", "text/plain", "hi"u8.ToArray());
        var second = await customer.ConnectAsync(); // another connection of the chat

        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(id)).Status);
    }

    [Fact]
    public async Task Get_FromAnotherChat_IsAccessDenied()
    {
        var owner = await (await NewChat().StartAsync()).ConnectAsync();
        var id = await owner.SendFileAsync(Client, "a.txt", "text/plain", "secret"u8.ToArray());
        var other = await (await NewChat().StartAsync()).ConnectAsync();

        AwsAssert.Error(await other.GetAsync(id), HttpStatusCode.Forbidden, "AccessDeniedException");
        AwsAssert.Error(await other.GetAsync("unknown-id"), HttpStatusCode.Forbidden, "AccessDeniedException");
    }

    [Fact]
    public async Task Get_BeforeCompletion_IsAValidationException()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var started = await chat.StartUploadAsync("a.txt", "text/plain", 1);
        await Client.PutAsync(started.Json.GetProperty("UploadMetadata"), [1]);

        var response = await chat.GetAsync(started.Json.GetProperty("AttachmentId").GetString()!);

        Assert.Contains("was not completed", AwsAssert.Error(response, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(301)]
    public async Task Get_UrlExpiryOutside5To300_IsAValidationException(int seconds)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var response = await chat.GetAsync("any", urlExpiryInSeconds: seconds);

        Assert.Contains("at 'urlExpiryInSeconds'", AwsAssert.Error(response, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadUrl_ExpiresAfterUrlExpiryInSeconds()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var id = await chat.SendFileAsync(Client, "a.txt", "text/plain", "hi"u8.ToArray());
        var url = (await chat.GetAsync(id, urlExpiryInSeconds: 5)).Json.GetProperty("Url").GetString()!;

        App.Clock.Advance(TimeSpan.FromSeconds(4));
        var before = await Client.DownloadAsync(url);
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await Client.DownloadAsync(url);

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(HttpStatusCode.Forbidden, after.Status);
        Assert.Equal("Request has expired", Attachments.S3ErrorMessage(System.Text.Encoding.UTF8.GetString(after.Bytes)));
    }
}
