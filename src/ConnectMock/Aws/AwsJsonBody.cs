using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ConnectMock.Aws;

/// <summary>
/// Reads a restJson1 request body strictly: no coercion, no partial reads, and an AWS error for anything
/// that is not one JSON object. Minimal APIs' own body binding answers 415 or an empty 400 instead, and it
/// refuses a body without Content-Type, which AWS reads as JSON.
/// </summary>
internal sealed class AwsJsonBody(IOptions<AwsApiOptions> options, IAwsCallRecorder recorder)
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();
    private readonly int _maxBytes = options.Value.MaxRequestBodyBytes;
    private readonly int _keptBodyBytes = recorder.MaxBodyBytes;

    /// <summary>Reads the body of <paramref name="http"/> as <typeparamref name="T"/>.</summary>
    public static ValueTask<T> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> typeInfo) where T : class =>
        http.RequestServices.GetRequiredService<AwsJsonBody>().ReadBodyAsync(http.Request, typeInfo);

    private async ValueTask<T> ReadBodyAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo) where T : class
    {
        var call = AwsCallInfo.Of(request.HttpContext);
        var service = call?.Service ?? AwsService.Connect;
        try
        {
            EnsureJsonContentType(request.ContentType, service);
            EnsureUncompressed(request.Headers.ContentEncoding, service);
            if (request.ContentLength > _maxBytes)
            {
                throw TooLarge(service);
            }

            var reader = request.BodyReader;
            while (true)
            {
                // No cancellation token: Kestrel fails the read itself when the client goes away, and a token here makes it
                // log a spurious "reading is already in progress" warning with a stack trace.
                var read = await reader.ReadAsync();
                if (read.Buffer.Length > _maxBytes)
                {
                    reader.AdvanceTo(read.Buffer.End);
                    throw TooLarge(service);
                }

                if (read.IsCompleted)
                {
                    try
                    {
                        KeepBody(call, read.Buffer);
                        var value = Deserialize(read.Buffer, typeInfo, service);
                        if (call is not null)
                        {
                            call.ClientToken = AwsCallInfo.Clip((value as IIdempotentRequest)?.ClientToken, AwsCallInfo.MaxClientTokenLength);
                            call.InstanceId = AwsCallInfo.Clip((value as IInstanceRequest)?.InstanceId, AwsCallInfo.MaxInstanceIdLength);
                        }

                        return value;
                    }
                    finally
                    {
                        reader.AdvanceTo(read.Buffer.End);
                    }
                }

                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
        }
        catch (Exception ex) when (ex is AwsServiceException or BadHttpRequestException && call is not null)
        {
            // Marked here, in the read's own frame: a wrapper around the read would cost every call a second async
            // state machine for the sake of the failures. The fault injection's error path reads the mark.
            call.BodyUnreadable = true;
            throw;
        }
    }

    private void KeepBody(AwsCallInfo? call, ReadOnlySequence<byte> body)
    {
        if (call is null || _keptBodyBytes == 0)
        {
            return;
        }

        call.KeepBody(body, _keptBodyBytes);
    }

    private AwsServiceException TooLarge(AwsService service) =>
        service.MalformedRequest($"The request body is larger than the limit of {_maxBytes} bytes.");

    private static void EnsureJsonContentType(string? contentType, AwsService service)
    {
        // restJson1 servers read a body without Content-Type as JSON; SDKs always send application/json.
        if (string.IsNullOrEmpty(contentType))
        {
            return;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || !IsJson(mediaType.MediaType.AsSpan()))
        {
            throw service.MalformedRequest(
                $"Content-Type '{contentType}' is not supported: send the request body as application/json.");
        }

        // JSON between systems is UTF-8 (RFC 8259, section 8.1), and the body is only ever read as UTF-8: another
        // charset would be decoded as garbage, or worse, as different text.
        if (mediaType.Charset.HasValue && !IsUtf8(mediaType.Charset.AsSpan()))
        {
            throw service.MalformedRequest(
                $"Content-Type charset '{AwsCallInfo.Clip(mediaType.Charset.ToString(), 64)}' is not supported: send the request body as UTF-8.");
        }
    }

    private static bool IsUtf8(ReadOnlySpan<char> charset)
    {
        charset = charset.Trim('"');
        return charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// No Connect operation has Smithy's requestCompression trait, so AWS SDKs never compress these bodies. API
    /// Gateway answers a content coding it cannot apply with 415 Unsupported Media Type; reading the compressed
    /// bytes as JSON would only report a syntax error that hides the cause.
    /// </summary>
    private static void EnsureUncompressed(Microsoft.Extensions.Primitives.StringValues contentEncoding, AwsService service)
    {
        foreach (var value in contentEncoding)
        {
            foreach (var coding in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!coding.Equals("identity", StringComparison.OrdinalIgnoreCase))
                {
                    var shown = AwsCallInfo.Clip(coding, 64);
                    throw new AwsServiceException(
                        service.MalformedRequestError,
                        StatusCodes.Status415UnsupportedMediaType,
                        $"Content-Encoding '{shown}' is not supported: send the request body uncompressed.");
                }
            }
        }
    }

    private static bool IsJson(ReadOnlySpan<char> mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.StartsWith("application/x-amz-json-", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    private static T Deserialize<T>(ReadOnlySequence<byte> body, JsonTypeInfo<T> typeInfo, AwsService service) where T : class
    {
        // A UTF-8 byte order mark is not JSON, but Java-based AWS servers skip it, and so do we.
        if (body.Length >= 3 && body.FirstSpan.Length >= 3 && body.FirstSpan[..3].SequenceEqual("\uFEFF"u8))
        {
            body = body.Slice(3);
        }

        // Smithy servers treat an empty body as an empty structure, so required members are then reported as missing.
        if (body.IsEmpty)
        {
            body = new ReadOnlySequence<byte>(EmptyObject);
        }

        var json = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = typeInfo.Options.MaxDepth });
        try
        {
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
            {
                throw service.MalformedRequest("The request body must be a JSON object.");
            }

            var value = JsonSerializer.Deserialize(ref json, typeInfo)
                ?? throw service.MalformedRequest("The request body must be a JSON object.");
            if (json.Read())
            {
                throw service.MalformedRequest("The request body must hold a single JSON object, but more follows it.");
            }

            return value;
        }
        catch (JsonException ex)
        {
            throw service.MalformedRequest(JsonErrorDescriber.Describe(ex, body, typeInfo));
        }
    }
}
