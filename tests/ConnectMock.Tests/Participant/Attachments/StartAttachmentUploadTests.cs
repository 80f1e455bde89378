using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant.Attachments;

public sealed class StartAttachmentUploadTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task Start_ReturnsAnIdAndTheSignedUrlWithTheHeadersToInclude()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var response = await chat.StartUploadAsync("receipt.png", "image/png", 1234);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(["AttachmentId", "UploadMetadata"], response.MemberNames);
        var metadata = response.Json.GetProperty("UploadMetadata");
        Assert.Equal(["Url", "UrlExpiry", "HeadersToInclude"], metadata.EnumerateObject().Select(p => p.Name));
        var url = new Uri(metadata.GetProperty("Url").GetString()!);
        Assert.Equal($"/attachments/{response.Json.GetProperty("AttachmentId").GetString()}", url.AbsolutePath);
        Assert.Contains("X-Amz-Signature=", url.Query, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Expires=300&", url.Query, StringComparison.Ordinal);
        Assert.Equal(App.Clock.GetUtcNow().AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:ss'.000Z'", System.Globalization.CultureInfo.InvariantCulture),
            metadata.GetProperty("UrlExpiry").GetString());
        var headers = metadata.GetProperty("HeadersToInclude").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal("image/png", headers["Content-Type"]);
        Assert.Equal("1234", headers["Content-Length"]);
        Assert.Equal("attachment; filename=\"receipt.png\"", headers["Content-Disposition"]);
        Assert.Equal(chat.ContactId, headers["x-amz-meta-contact_id"]);
        Assert.Equal("bucket-owner-full-control", headers["x-amz-acl"]);
    }

    [Fact]
    public async Task Start_SameClientToken_ReturnsTheSameAttachmentAndMetadata()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var first = await chat.StartUploadAsync("a.txt", "text/plain", 10, "upload-1");
        App.Clock.Advance(TimeSpan.FromSeconds(3));
        var again = await chat.StartUploadAsync("a.txt", "text/plain", 10, "upload-1");
        var other = await chat.StartUploadAsync("a.txt", "text/plain", 10, "upload-2");

        Assert.Equal(first.Body, again.Body);
        Assert.NotEqual(first.Json.GetProperty("AttachmentId").GetString(), other.Json.GetProperty("AttachmentId").GetString());
    }

    [Theory]
    [InlineData("application/zip", "a.zip", 10, "ContentType 'application/zip' is not a file type")]
    [InlineData("text/plain", "a.exe", 10, "AttachmentName 'a.exe' does not end in an extension")]
    [InlineData("image/png", "big.png", 20L * 1024 * 1024 + 1, "AttachmentSizeInBytes 20971521 is over the 20971520 bytes")]
    public async Task Start_FileAmazonConnectRefuses_IsAValidationExceptionNamingTheMember(string contentType, string name, long size, string message)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var response = await chat.StartUploadAsync(name, contentType, size);

        Assert.StartsWith(message, AwsAssert.Error(response, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain; charset=utf-8", "notes.TXT")]
    [InlineData("IMAGE/JPEG", "photo.jfif")]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "letter.docx")]
    [InlineData("video/quicktime", "clip.mov")]
    public async Task Start_FileTypesOfTheFeatureSpecifications_AreAccepted(string contentType, string name)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        Assert.Equal(HttpStatusCode.OK, (await chat.StartUploadAsync(name, contentType, 20L * 1024 * 1024)).Status);
    }

    [Theory]
    [InlineData("""{"ContentType":"text/plain","AttachmentSizeInBytes":0,"AttachmentName":"a.txt","ClientToken":"t"}""", "attachmentSizeInBytes")]
    [InlineData("""{"ContentType":"text/plain","AttachmentSizeInBytes":5,"AttachmentName":"a.txt"}""", "clientToken")]
    [InlineData("""{"ContentType":"","AttachmentSizeInBytes":5,"AttachmentName":"a.txt","ClientToken":"t"}""", "contentType")]
    public async Task Start_BrokenConstraint_IsAValidationExceptionNamingTheMember(string body, string member)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var response = await chat.CallAsync("/participant/start-attachment-upload", body);

        Assert.Contains($"at '{member}'", AwsAssert.Error(response, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutAValidConnectionToken_IsAccessDenied()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var response = await chat.CallAsync("/participant/start-attachment-upload",
            """{"ContentType":"text/plain","AttachmentSizeInBytes":5,"AttachmentName":"a.txt","ClientToken":"t"}""", bearer: "not-a-token");

        AwsAssert.Error(response, HttpStatusCode.Forbidden, "AccessDeniedException");
    }
}

public sealed class AttachmentQuotaTests(AttachmentQuotaFactory app) : ConnectMockTest<AttachmentQuotaFactory>(app)
{
    [Fact]
    public async Task Start_BeyondTheQuotaPerContact_IsServiceQuotaExceeded402_AndARepeatStillAnswers()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var first = await chat.StartUploadAsync("1.txt", "text/plain", 1, "one");
        await chat.StartUploadAsync("2.txt", "text/plain", 1, "two");

        var third = await chat.StartUploadAsync("3.txt", "text/plain", 1, "three");
        var repeat = await chat.StartUploadAsync("1.txt", "text/plain", 1, "one");
        var otherChat = await (await NewChat().StartAsync()).ConnectAsync();

        Assert.StartsWith("The number of attachments per contact exceeds the quota.",
            AwsAssert.Error(third, HttpStatusCode.PaymentRequired, "ServiceQuotaExceededException"), StringComparison.Ordinal);
        Assert.Equal(first.Body, repeat.Body);
        Assert.Equal(HttpStatusCode.OK, (await otherChat.StartUploadAsync("1.txt", "text/plain", 1)).Status);
    }
}

public sealed class AttachmentQuotaFactory : ConnectMockFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("ConnectMock:Attachments:MaxPerContact", "2")];
}
