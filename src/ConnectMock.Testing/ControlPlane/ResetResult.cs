namespace ConnectMock.Testing;

/// <summary>What a reset removed.</summary>
public sealed record ResetResult(int ContactsRemoved, int RequestsRemoved, int FaultsRemoved);
