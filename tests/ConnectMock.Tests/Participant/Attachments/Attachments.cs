using System.Net;
using System.Text.Json;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant.Attachments;

/// <summary>A client's side of attachments, as chatjs does it: start, PUT to the upload URL with its headers, complete.</summary>
internal static class Attachments
{
    public static Task<WireResponse> StartUploadAsync(this ChatDriver chat, string name, string contentType, long size, string? clientToken = null) =>
        chat.CallAsync("/participant/start-attachment-upload", JsonSerializer.Serialize(new
        {
            ContentType = contentType,
            AttachmentSizeInBytes = size,
            AttachmentName = name,
            ClientToken = clientToken ?? Guid.NewGuid().ToString(),
        }));

    public static Task<WireResponse> CompleteAsync(this ChatDriver chat, string attachmentId, string? clientToken = null, string? bearer = null) =>
        chat.CallAsync("/participant/complete-attachment-upload",
            JsonSerializer.Serialize(new { AttachmentIds = new[] { attachmentId }, ClientToken = clientToken ?? Guid.NewGuid().ToString() }), bearer);

    public static Task<WireResponse> GetAsync(this ChatDriver chat, string attachmentId, string? bearer = null, int? urlExpiryInSeconds = null) =>
        chat.CallAsync("/participant/attachment", urlExpiryInSeconds is null
            ? JsonSerializer.Serialize(new { AttachmentId = attachmentId })
            : JsonSerializer.Serialize(new { AttachmentId = attachmentId, UrlExpiryInSeconds = urlExpiryInSeconds }), bearer);

    /// <summary>The PUT chatjs makes: every HeadersToInclude entry (Content-Length as the body gives it), the bytes as the body.</summary>
    public static async Task<Upload> PutAsync(this HttpClient client, JsonElement uploadMetadata, byte[] bytes, Func<string, string, string?>? header = null)
    {
        var content = new ByteArrayContent(bytes);
        using var request = new HttpRequestMessage(HttpMethod.Put, uploadMetadata.GetProperty("Url").GetString()) { Content = content };
        foreach (var entry in uploadMetadata.GetProperty("HeadersToInclude").EnumerateObject())
        {
            var value = header is null ? entry.Value.GetString() : header(entry.Name, entry.Value.GetString()!);
            if (value is null || entry.Name == "Content-Length")
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(entry.Name, value))
            {
                content.Headers.Remove(entry.Name);
                content.Headers.TryAddWithoutValidation(entry.Name, value);
            }
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return new Upload(response.StatusCode, response.Content.Headers.ContentType, response.Headers.ETag?.Tag,
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static async Task<(HttpStatusCode Status, string? ContentType, byte[] Bytes)> DownloadAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(),
            await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Start, upload and complete: the AttachmentId of a file that is in the chat.</summary>
    public static async Task<string> SendFileAsync(this ChatDriver chat, HttpClient client, string name, string contentType, byte[] bytes)
    {
        var started = await chat.StartUploadAsync(name, contentType, bytes.Length);
        Assert.True(started.Status == HttpStatusCode.OK, started.Body);
        var id = started.Json.GetProperty("AttachmentId").GetString()!;
        var upload = await client.PutAsync(started.Json.GetProperty("UploadMetadata"), bytes);
        Assert.True(upload.Status == HttpStatusCode.OK, upload.Body);
        var completed = await chat.CompleteAsync(id);
        Assert.True(completed.Status == HttpStatusCode.OK, completed.Body);
        return id;
    }

    public static byte[] RandomFile(int size) => System.Security.Cryptography.RandomNumberGenerator.GetBytes(size);

    /// <summary>The S3 error code of an XML error body.</summary>
    public static string S3ErrorCode(this Upload upload) => S3ErrorCode(upload.Body);

    public static string S3ErrorCode(string body) => System.Xml.Linq.XDocument.Parse(body).Root!.Element("Code")!.Value;

    public static string S3ErrorMessage(string body) => System.Xml.Linq.XDocument.Parse(body).Root!.Element("Message")!.Value;
}
