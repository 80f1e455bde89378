namespace ConnectMock.Aws;

/// <summary>
/// What one call to an AWS operation was, filled in as the request passes through: the request id at the start,
/// the ClientToken once the body is read, the error name if it fails. Request logging reads it at the end.
/// </summary>
public sealed class AwsCallInfo(string requestId)
{
    public string RequestId { get; } = requestId;

    public string? ClientToken { get; set; }

    public string? ErrorCode { get; set; }

    public static AwsCallInfo? Of(HttpContext http) => http.Features.Get<AwsCallInfo>();
}

/// <summary>Implemented by request shapes that carry an idempotency token.</summary>
public interface IIdempotentRequest
{
    string? ClientToken { get; }
}
