namespace ConnectMock.Testing;

/// <summary>The simulated agent in a chat.</summary>
public sealed record Agent(string ParticipantId, string DisplayName);
