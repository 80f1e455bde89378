namespace ConnectMock.Testing;

/// <summary>A Connect instance to declare: its flows (any, when empty) and its quota of active chats.</summary>
public sealed record InstanceSpec(IReadOnlyList<string>? ContactFlowIds = null, int? MaxConcurrentActiveChats = null);
