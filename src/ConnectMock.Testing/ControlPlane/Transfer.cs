namespace ConnectMock.Testing;

/// <summary>What a simulated transfer did: <c>SUCCEEDED</c> or <c>FAILED</c>, and the agent who took the chat, if one did.</summary>
public sealed record Transfer(string Outcome, Agent? Agent);
