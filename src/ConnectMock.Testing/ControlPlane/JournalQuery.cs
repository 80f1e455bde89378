namespace ConnectMock.Testing;

/// <summary>Which journal entries <see cref="ConnectMockControlPlaneClient.ListRequestsAsync"/> reads; unset members do not filter.</summary>
public sealed record JournalQuery(
    string? Operation = null,
    string? InstanceId = null,
    string? ClientToken = null,
    string? RequestId = null,
    int? MaxResults = null,
    string? NextToken = null,
    bool IncludeBodies = false);
