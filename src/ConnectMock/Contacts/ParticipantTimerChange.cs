namespace ConnectMock.Contacts;

/// <summary>One timer of UpdateParticipantRoleConfig: set to <paramref name="Minutes"/>, or deleted (Unset) when null.</summary>
internal sealed record ParticipantTimerChange(string Role, string TimerType, int? Minutes);
