namespace ConnectMock.ControlPlane;

internal sealed record AgentView(string ParticipantId, string DisplayName);
