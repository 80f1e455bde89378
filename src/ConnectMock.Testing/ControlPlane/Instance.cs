namespace ConnectMock.Testing;

/// <summary>A declared instance and how many of its chats are active.</summary>
public sealed record Instance(string Id, IReadOnlyList<string> ContactFlowIds, int? MaxConcurrentActiveChats, int ActiveChats);
