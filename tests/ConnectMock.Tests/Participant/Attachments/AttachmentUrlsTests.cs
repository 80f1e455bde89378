using System.Net;
using System.Text.Json;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant.Attachments;

/// <summary>The stand-in for S3's pre-signed URLs: what S3 refuses is refused, with S3's status and XML error.</summary>
public sealed class AttachmentUrlsTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task Put_WithEveryHeaderToInclude_Is200WithTheETagS3Gives()
    {
        var (_, metadata) = await StartAsync(5);

        var upload = await Client.PutAsync(metadata, "hello"u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, upload.Status);
        Assert.Equal("\"5d41402abc4b2a76b9719d911017c592\"", upload.ETag); // MD5 of "hello", as S3 gives a single-part object's
    }

    [Theory]
    [InlineData("Content-Type")]
    [InlineData("Content-Disposition")]
    [InlineData("x-amz-acl")]
    [InlineData("x-amz-meta-contact_id")]
    public async Task Put_WithoutASignedHeader_IsSignatureDoesNotMatch(string dropped)
    {
        var (_, metadata) = await StartAsync(5);

        var upload = await Client.PutAsync(metadata, "hello"u8.ToArray(), (name, value) => name == dropped ? null : value);

        Assert.Equal(HttpStatusCode.Forbidden, upload.Status);
        Assert.Equal("application/xml", upload.ContentType?.MediaType);
        Assert.Equal("SignatureDoesNotMatch", upload.S3ErrorCode());
        Assert.Contains(dropped, Attachments.S3ErrorMessage(upload.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_WithAnotherContentType_IsSignatureDoesNotMatch()
    {
        var (_, metadata) = await StartAsync(5);

        var upload = await Client.PutAsync(metadata, "hello"u8.ToArray(), (name, value) => name == "Content-Type" ? "image/png" : value);

        Assert.Equal("SignatureDoesNotMatch", upload.S3ErrorCode());
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public async Task Put_OfAnotherSizeThanStarted_IsSignatureDoesNotMatch_AndNothingIsKept(int size)
    {
        var (id, metadata) = await StartAsync(5);

        var upload = await Client.PutAsync(metadata, new byte[size]);
        var attachments = await Client.SendAsync(HttpMethod.Get, $"/_connectmock/attachments/{id}/content");

        Assert.Equal(HttpStatusCode.Forbidden, upload.Status);
        Assert.Equal("SignatureDoesNotMatch", upload.S3ErrorCode());
        Assert.Equal(HttpStatusCode.NotFound, attachments.Status);
    }

    [Theory]
    [InlineData("X-Amz-Signature=", "X-Amz-Signature=0")]
    [InlineData("X-Amz-Expires=300", "X-Amz-Expires=3000")]
    [InlineData("X-Amz-Date=2026", "X-Amz-Date=2027")]
    [InlineData("X-Amz-SignedHeaders=content-disposition", "X-Amz-SignedHeaders=content-language")]
    public async Task Put_ToATamperedUrl_IsSignatureDoesNotMatch(string part, string replacement)
    {
        var (_, metadata) = await StartAsync(5);
        var tampered = JsonSerializer.SerializeToElement(new
        {
            Url = metadata.GetProperty("Url").GetString()!.Replace(part, replacement, StringComparison.Ordinal),
            HeadersToInclude = metadata.GetProperty("HeadersToInclude"),
        });

        var upload = await Client.PutAsync(tampered, "hello"u8.ToArray());

        Assert.Equal(HttpStatusCode.Forbidden, upload.Status);
        Assert.Equal("SignatureDoesNotMatch", upload.S3ErrorCode());
    }

    [Fact]
    public async Task Put_ToAnotherAttachmentsPath_IsSignatureDoesNotMatch()
    {
        var (first, _) = await StartAsync(5);
        var (second, metadata) = await StartAsync(5);
        var swapped = JsonSerializer.SerializeToElement(new
        {
            Url = metadata.GetProperty("Url").GetString()!.Replace(second, first, StringComparison.Ordinal),
            HeadersToInclude = metadata.GetProperty("HeadersToInclude"),
        });

        Assert.Equal("SignatureDoesNotMatch", (await Client.PutAsync(swapped, "hello"u8.ToArray())).S3ErrorCode());
    }

    [Fact]
    public async Task Put_AfterTheUrlExpired_IsAccessDeniedRequestHasExpired()
    {
        var (_, metadata) = await StartAsync(5);
        App.Clock.Advance(TimeSpan.FromMinutes(5));

        var upload = await Client.PutAsync(metadata, "hello"u8.ToArray());

        Assert.Equal(HttpStatusCode.Forbidden, upload.Status);
        Assert.Equal("AccessDenied", upload.S3ErrorCode());
        Assert.Equal("Request has expired", Attachments.S3ErrorMessage(upload.Body));
    }

    [Fact]
    public async Task Get_OnTheUploadUrl_IsSignatureDoesNotMatch()
    {
        var (_, metadata) = await StartAsync(5);
        await Client.PutAsync(metadata, "hello"u8.ToArray());

        var (status, _, body) = await Client.DownloadAsync(metadata.GetProperty("Url").GetString()!);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("SignatureDoesNotMatch", Attachments.S3ErrorCode(System.Text.Encoding.UTF8.GetString(body)));
    }

    [Fact]
    public async Task Preflight_FromAnotherOrigin_AllowsThePutWithItsHeaders()
    {
        var (_, metadata) = await StartAsync(5);

        var response = await Client.SendAsync(HttpMethod.Options, metadata.GetProperty("Url").GetString()!, null,
        [
            ("Origin", "http://widget.example"),
            ("Access-Control-Request-Method", "PUT"),
            ("Access-Control-Request-Headers", "content-type,content-disposition,x-amz-acl,x-amz-meta-contact_id"),
        ]);

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
        Assert.Contains("PUT", response.Header("Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("x-amz-meta-contact_id", response.Header("Access-Control-Allow-Headers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_OfAnUnknownAttachment_IsNoSuchKey()
    {
        var (status, _, body) = await Client.DownloadAsync("/attachments/nope?X-Amz-Algorithm=AWS4-HMAC-SHA256");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NoSuchKey", Attachments.S3ErrorCode(System.Text.Encoding.UTF8.GetString(body)));
    }

    private async Task<(string Id, JsonElement Metadata)> StartAsync(int size)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var started = await chat.StartUploadAsync("a.txt", "text/plain", size);
        return (started.Json.GetProperty("AttachmentId").GetString()!, started.Json.GetProperty("UploadMetadata").Clone());
    }
}
