namespace ConnectMock.ControlPlane;

/// <summary>What a simulated transfer did: SUCCEEDED or FAILED, and the agent who took the chat, if one did.</summary>
internal sealed record TransferResult(string Outcome, AgentView? Agent);
