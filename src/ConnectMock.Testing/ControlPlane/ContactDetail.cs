using System.Text.Json;

namespace ConnectMock.Testing;

/// <summary>One contact with every member that was sent (<see cref="Request"/>, AWS's member names) and its participant token.</summary>
public sealed record ContactDetail(
    string ContactId,
    string ParticipantId,
    string ParticipantToken,
    string InstanceId,
    string ContactFlowId,
    string? ClientToken,
    string State,
    DateTimeOffset InitiatedAt,
    DateTimeOffset ExpiresAt,
    int ChatDurationInMinutes,
    string? ContinuedFromContactId,
    JsonElement Request);
