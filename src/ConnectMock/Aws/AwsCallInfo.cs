namespace ConnectMock.Aws;

/// <summary>
/// What one call was, filled in as the request passes through: the request id and operation at the start, the
/// ClientToken, InstanceId and body once the body is read, the error name if it fails. Request logging and the
/// request journal read it at the end.
/// </summary>
public sealed class AwsCallInfo(Guid requestId, string? operation, AwsService service, long startTimestamp)
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

    /// <summary>A copy of the request body, when a recorder asked for it (see <see cref="IAwsCallRecorder"/>).</summary>
    public byte[]? RequestBody { get; set; }

    public bool RequestBodyTruncated { get; set; }

    public string? ErrorCode { get; set; }

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

/// <summary>Implemented by request shapes that carry an idempotency token.</summary>
public interface IIdempotentRequest
{
    string? ClientToken { get; }
}

/// <summary>Implemented by request shapes that name a Connect instance.</summary>
public interface IInstanceRequest
{
    string? InstanceId { get; }
}

/// <summary>Marks an endpoint as an AWS operation: its calls get journaled, and faults can target it by name.</summary>
public sealed record AwsOperation(string Name);

/// <summary>Told about every finished AWS call (the control plane's request journal).</summary>
public interface IAwsCallRecorder
{
    /// <summary>How much of each request body to keep; 0 keeps none.</summary>
    int MaxBodyBytes { get; }

    void Record(HttpContext http, AwsCallInfo info, double latencyMilliseconds);
}
