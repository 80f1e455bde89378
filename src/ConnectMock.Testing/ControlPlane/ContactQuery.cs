namespace ConnectMock.Testing;

/// <summary>Which contacts <see cref="ConnectMockControlPlaneClient.ListContactsAsync"/> lists; unset members do not filter.</summary>
public sealed record ContactQuery(
    string? InstanceId = null,
    string? ClientToken = null,
    string? ContactFlowId = null,
    int? MaxResults = null,
    string? NextToken = null);
