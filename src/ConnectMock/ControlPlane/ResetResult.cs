namespace ConnectMock.ControlPlane;

internal sealed record ResetResult(int ContactsRemoved, int RequestsRemoved, int FaultsRemoved);
