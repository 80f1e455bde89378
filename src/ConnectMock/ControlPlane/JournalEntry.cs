namespace ConnectMock.ControlPlane;

/// <summary>One finished call to an AWS operation; its body, of <see cref="RequestBodyBytes"/> bytes, is read apart.</summary>
internal sealed record JournalEntry(
    long Sequence,
    DateTimeOffset Time,
    string Operation,
    string Method,
    string Path,
    int StatusCode,
    string? ErrorName,
    double LatencyMs,
    string RequestId,
    string? ClientToken,
    string? InstanceId,
    bool ConnectionDropped,
    int? RequestBodyBytes,
    bool RequestBodyTruncated);
