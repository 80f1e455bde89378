using System.Text.Json;

namespace ConnectMock.Testing;

/// <summary>One call to an AWS operation, as the journal recorded it; the body only when read with bodies.</summary>
public sealed record JournalEntry(
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
    bool RequestBodyTruncated,
    JsonElement? RequestBody = null,
    string? RequestBodyText = null,
    string? RequestBodyBase64 = null);
