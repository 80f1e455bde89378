using System.Buffers;

namespace ConnectMock.Aws;

/// <summary>
/// What one call was, filled in as the request passes through: the request id and operation at the start, the
/// ClientToken, InstanceId and body once the body is read, the error name if it fails. Request logging and the
/// request journal read it at the end.
/// </summary>
internal sealed class AwsCallInfo(Guid requestId, string? operation, AwsService service, long startTimestamp)
{
    /// <summary>The request id as a value, for records that keep it (the journal) without keeping its text.</summary>
    public Guid RequestGuid { get; } = requestId;

    /// <summary>The request id as the x-amzn-RequestId header and the log show it.</summary>
    public string RequestId { get; } = requestId.ToString();

    /// <summary>The AWS operation called, or null for requests that are not AWS calls (health, Swagger, control plane).</summary>
    public string? Operation { get; } = operation;

    /// <summary>The service whose error names failures of this call use (Connect for anything not an operation).</summary>
    public AwsService Service { get; } = service;

    public long StartTimestamp { get; } = startTimestamp;

    public string? ClientToken { get; set; }

    public string? InstanceId { get; set; }

    private byte[]? _body;
    private int _bodyLength;

    /// <summary>A copy of the request body, when a recorder asked for it (see <see cref="IAwsCallRecorder"/>).</summary>
    public ReadOnlyMemory<byte>? RequestBody => _body is null ? null : _body.AsMemory(0, _bodyLength);

    public bool RequestBodyTruncated { get; private set; }

    /// <summary>
    /// Copies up to <paramref name="maxBytes"/> of the body into a buffer rented from the shared pool: the recorder
    /// copies it again into its own storage, so a fresh array per call would only be garbage.
    /// </summary>
    public void KeepBody(ReadOnlySequence<byte> body, int maxBytes)
    {
        ReleaseBody();
        var length = (int)Math.Min(body.Length, maxBytes);
        _body = ArrayPool<byte>.Shared.Rent(length);
        body.Slice(0, length).CopyTo(_body);
        _bodyLength = length;
        RequestBodyTruncated = body.Length > maxBytes;
    }

    /// <summary>Gives the body's buffer back to the pool, once the call has been recorded.</summary>
    public void ReleaseBody()
    {
        if (_body is { } rented)
        {
            _body = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public string? ErrorCode { get; set; }

    /// <summary>
    /// True when the body could not be read as the operation's request: faults for the operation still apply to
    /// the call, although binding failed before any endpoint filter ran.
    /// </summary>
    public bool BodyUnreadable { get; set; }

    /// <summary>True when the connection was dropped on purpose (fault injection) rather than answered.</summary>
    public bool ConnectionDropped { get; set; }

    public static AwsCallInfo? Of(HttpContext http) => http.Features.Get<AwsCallInfo>();

    /// <summary>The models' maximum lengths: what is kept of these members before validation has looked at them.</summary>
    public const int MaxClientTokenLength = 500;

    public const int MaxInstanceIdLength = 100;

    /// <summary>
    /// The value cut to <paramref name="max"/> characters. The journal and the request log record members of
    /// requests that may be invalid, and must not keep megabytes because a client sent them.
    /// </summary>
    public static string? Clip(string? value, int max) => value is null || value.Length <= max ? value : string.Concat(value.AsSpan(0, max), "...");
}
