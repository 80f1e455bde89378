namespace ConnectMock.Testing;

/// <summary>An item the agent posted to a chat.</summary>
public sealed record PostedItem(string Id, DateTimeOffset AbsoluteTime);
