namespace ConnectMock.ControlPlane;

internal sealed record PostedItem(string Id, DateTimeOffset AbsoluteTime);
