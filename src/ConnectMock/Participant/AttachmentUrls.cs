using System.Globalization;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using ConnectMock.Contacts;
using ConnectMock.Contacts.Attachments;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ConnectMock.Participant;

/// <summary>
/// ConnectMock's stand-in for the pre-signed Amazon S3 URLs of attachments: StartAttachmentUpload's upload URL takes
/// one <c>PUT</c> of the file with exactly its <c>HeadersToInclude</c>, GetAttachment's download URL a <c>GET</c>.
/// Both are signed (<see cref="AttachmentSigner"/>) and expire; what S3 refuses is refused here with S3's status
/// and XML error, so that widget code that drops a header or waits too long fails here as in production.
/// </summary>
internal sealed class AttachmentUrls(AttachmentSigner signer, ChatAttachments attachments, TimeProvider time, IOptions<ChatOptions> chatOptions)
{
    public const string Path = "/attachments";

    // What S3's query authentication carries; X-Amz-Credential is left out, as no AWS credentials are involved.
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    private readonly string? _configuredBase = chatOptions.Value.WebSocketBaseUrl;

    /// <summary>
    /// What the upload must carry, as Amazon Connect lists it (its own metadata included): the PUT is refused unless
    /// each of these, Content-Length aside (a browser sets it from the body), arrives with exactly this value.
    /// </summary>
    public static Dictionary<string, string> HeadersToInclude(Attachment attachment) => new(StringComparer.Ordinal)
    {
        ["x-amz-meta-contact_id"] = attachment.ContactId.ToString(),
        ["x-amz-meta-initial_contact_id"] = attachment.ContactId.ToString(),
        ["x-amz-acl"] = "bucket-owner-full-control",
        ["Content-Disposition"] = $"attachment; filename=\"{HeaderSafe(attachment.AttachmentName)}\"",
        ["Content-Length"] = attachment.AttachmentSizeInBytes.ToString(CultureInfo.InvariantCulture),
        ["Content-Type"] = attachment.ContentType,
    };

    public string Upload(HttpContext http, Attachment attachment) =>
        Url(http, HttpMethods.Put, attachment, attachment.CreatedAt, attachment.UploadUrlExpiry, SignedUploadHeaders(attachment));

    public (string Url, DateTimeOffset Expiry) Download(HttpContext http, Attachment attachment, TimeSpan lifetime)
    {
        var now = ChatAttachments.WholeSeconds(time.GetUtcNow());
        return (Url(http, HttpMethods.Get, attachment, now, now + lifetime, []), now + lifetime);
    }

    public static void Map(IEndpointRouteBuilder routes, string corsPolicy)
    {
        routes.MapPut(Path + "/{attachmentId}", (HttpContext http, AttachmentUrls urls, string attachmentId) => urls.ReceiveAsync(http, attachmentId))
            .RequireCors(corsPolicy).ExcludeFromDescription();
        routes.MapGet(Path + "/{attachmentId}", (HttpContext http, AttachmentUrls urls, string attachmentId) => urls.Serve(http, attachmentId))
            .RequireCors(corsPolicy).ExcludeFromDescription();
    }

    private async Task<IResult> ReceiveAsync(HttpContext http, string attachmentId)
    {
        if (attachments.Store.Find(attachmentId) is not { } attachment)
        {
            return S3Error.NoSuchKey(attachmentId);
        }

        if (Refusal(http, attachmentId, SignedUploadHeaders(attachment)) is { } refused)
        {
            return refused;
        }

        if (attachment.Phase == AttachmentPhase.Completed)
        {
            return S3Error.AccessDenied("The upload of this attachment was completed; its URL takes no more bytes.");
        }

        if (http.Request.ContentLength is not { } length)
        {
            return S3Error.Of(StatusCodes.Status411LengthRequired, "MissingContentLength", "You must provide the Content-Length HTTP header.");
        }

        if (length != attachment.AttachmentSizeInBytes)
        {
            return S3Error.SignatureDoesNotMatch(
                $"Content-Length is signed as {attachment.AttachmentSizeInBytes} (the AttachmentSizeInBytes of StartAttachmentUpload); this upload has {length}.");
        }

        if (!attachments.Store.TryReserve(length, out var reservation))
        {
            return S3Error.Of(StatusCodes.Status503ServiceUnavailable, "SlowDown",
                "Uploads in flight take the whole attachment budget (ConnectMock:Attachments:MaxBytes). Please reduce your request rate.");
        }

        using (reservation)
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = length;
            }

            var bytes = GC.AllocateUninitializedArray<byte>(checked((int)length));
            try
            {
                await http.Request.Body.ReadExactlyAsync(bytes, http.RequestAborted);
            }
            catch (Exception e) when (e is EndOfStreamException or IOException or OperationCanceledException or BadHttpRequestException)
            {
                return S3Error.Of(StatusCodes.Status400BadRequest, "IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header.");
            }

            if (!attachments.Upload(attachmentId, bytes, reservation))
            {
                return S3Error.NoSuchKey(attachmentId);
            }

            http.Response.Headers.ETag = ETag(bytes);
            return Results.Ok();
        }
    }

    private IResult Serve(HttpContext http, string attachmentId)
    {
        if (attachments.Store.Find(attachmentId) is null)
        {
            return S3Error.NoSuchKey(attachmentId);
        }

        if (Refusal(http, attachmentId, []) is { } refused)
        {
            return refused;
        }

        if (attachments.Downloadable(attachmentId) is not { } file)
        {
            return S3Error.AccessDenied("This attachment cannot be downloaded: it was rejected by the attachment scanner, or is not complete.");
        }

        http.Response.Headers.ETag = ETag(file.Bytes);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{HeaderSafe(file.Attachment.AttachmentName)}\"";
        return Results.Bytes(file.Bytes, file.Attachment.ContentType);
    }

    /// <summary>Why S3 would refuse this request to the URL of <paramref name="attachmentId"/>: a missing or wrong signature, or an expired URL.</summary>
    private IResult? Refusal(HttpContext http, string attachmentId, IReadOnlyList<KeyValuePair<string, string>> signedHeaders)
    {
        var query = http.Request.Query;
        if (query["X-Amz-Algorithm"] != Algorithm || query["X-Amz-Signature"].Count != 1
            || !DateTimeOffset.TryParseExact(query["X-Amz-Date"], DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)
            || !long.TryParse(query["X-Amz-Expires"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 604_800)
        {
            return S3Error.AccessDenied("Query-string authentication requires the X-Amz-Algorithm, X-Amz-Date, X-Amz-Expires and X-Amz-Signature parameters.");
        }

        var expiry = signedAt.AddSeconds(seconds);
        var names = SignedHeaderNames(signedHeaders);
        var presented = signedHeaders.Select(h => http.Request.Headers[h.Key].ToString()).Prepend(query["X-Amz-SignedHeaders"].ToString()).ToList();
        if (!signer.Verifies(query["X-Amz-Signature"]!, http.Request.Method, attachmentId, expiry.ToUnixTimeSeconds(), presented)
            || !string.Equals(query["X-Amz-SignedHeaders"], names, StringComparison.Ordinal))
        {
            var missing = signedHeaders.Where(h => !string.Equals(http.Request.Headers[h.Key], h.Value, StringComparison.Ordinal)).Select(h => h.Key).ToList();
            return S3Error.SignatureDoesNotMatch(missing.Count == 0
                ? "The request signature we calculated does not match the signature you provided. Check your key and signing method."
                : $"The request signature we calculated does not match the signature you provided. Check your key and signing method. These signed headers are missing or differ: {string.Join(", ", missing)} (send every HeadersToInclude entry as it is).");
        }

        var now = time.GetUtcNow();
        return now >= expiry ? S3Error.Expired(expiry, now) : null;
    }

    private string Url(HttpContext http, string method, Attachment attachment, DateTimeOffset signedAt, DateTimeOffset expiry, IReadOnlyList<KeyValuePair<string, string>> signedHeaders)
    {
        var names = SignedHeaderNames(signedHeaders);
        var seconds = (long)(expiry - signedAt).TotalSeconds;
        var signature = signer.Sign(method, attachment.AttachmentId, signedAt.AddSeconds(seconds).ToUnixTimeSeconds(), [names, .. signedHeaders.Select(h => h.Value)]);
        return $"{Base(http)}{Path}/{attachment.AttachmentId}?X-Amz-Algorithm={Algorithm}"
            + $"&X-Amz-Date={signedAt.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture)}"
            + $"&X-Amz-Expires={seconds.ToString(CultureInfo.InvariantCulture)}"
            + $"&X-Amz-SignedHeaders={Uri.EscapeDataString(names)}&X-Amz-Signature={signature}";
    }

    /// <summary>X-Amz-SignedHeaders as S3 writes it: lower-case names, host among them, sorted, joined by ';'.</summary>
    private static string SignedHeaderNames(IReadOnlyList<KeyValuePair<string, string>> signedHeaders) =>
        string.Join(';', signedHeaders.Select(h => h.Key.ToLowerInvariant()).Append("host").Order(StringComparer.Ordinal));

    private static List<KeyValuePair<string, string>> SignedUploadHeaders(Attachment attachment) =>
        [.. HeadersToInclude(attachment).Where(h => h.Key != "Content-Length")];

    private string Base(HttpContext http)
    {
        // The same host the WebSocket URLs use, over HTTP: a configured ws(s):// base becomes http(s)://.
        if (!string.IsNullOrEmpty(_configuredBase))
        {
            var configured = new Uri(_configuredBase);
            return $"{(configured.Scheme == "wss" ? "https" : "http")}://{configured.Authority}";
        }

        var request = http.Request;
        return $"{request.Scheme}://{request.Host}";
    }

    // S3's ETag of a single-part object is the MD5 of its bytes; clients compare it, nothing is secured by it.
#pragma warning disable CA5351
    private static string ETag(byte[] bytes) => $"\"{Convert.ToHexStringLower(MD5.HashData(bytes))}\"";
#pragma warning restore CA5351

    /// <summary>A file name as a header value can carry it: fetch refuses characters beyond Latin-1, and a quote would end it.</summary>
    private static string HeaderSafe(string name)
    {
        var safe = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            safe.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '_');
        }

        return safe.ToString();
    }

    /// <summary>S3's error responses: the status and an XML <c>Error</c> document.</summary>
    private static class S3Error
    {
        public static IResult Of(int status, string code, string message, string? extra = null) => new XmlError(status, Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message>{extra}"
            + $"<RequestId>{RandomNumberGenerator.GetHexString(16)}</RequestId><HostId>connectmock</HostId></Error>"));

        public static IResult AccessDenied(string message) => Of(StatusCodes.Status403Forbidden, "AccessDenied", message);

        public static IResult SignatureDoesNotMatch(string message) => Of(StatusCodes.Status403Forbidden, "SignatureDoesNotMatch", message);

        public static IResult Expired(DateTimeOffset expiry, DateTimeOffset now) => Of(
            StatusCodes.Status403Forbidden, "AccessDenied", "Request has expired",
            $"<Expires>{Item.Time(expiry)}</Expires><ServerTime>{Item.Time(now)}</ServerTime>");

        public static IResult NoSuchKey(string attachmentId) => Of(
            StatusCodes.Status404NotFound, "NoSuchKey", "The specified key does not exist.", $"<Key>{SecurityElement.Escape(attachmentId)}</Key>");

        /// <summary>S3 sends <c>Content-Type: application/xml</c>, without a charset.</summary>
        private sealed class XmlError(int status, byte[] body) : IResult
        {
            public Task ExecuteAsync(HttpContext httpContext)
            {
                httpContext.Response.StatusCode = status;
                httpContext.Response.ContentType = "application/xml";
                httpContext.Response.ContentLength = body.Length;
                return httpContext.Response.Body.WriteAsync(body).AsTask();
            }
        }
    }
}
