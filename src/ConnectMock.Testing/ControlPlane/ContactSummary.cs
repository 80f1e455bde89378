namespace ConnectMock.Testing;

/// <summary>A stored contact, as <c>GET /_connectmock/contacts</c> lists it.</summary>
public sealed record ContactSummary(
    string ContactId,
    string ParticipantId,
    string InstanceId,
    string ContactFlowId,
    string? ClientToken,
    string State,
    DateTimeOffset InitiatedAt,
    DateTimeOffset ExpiresAt,
    string? ContinuedFromContactId);
