namespace ConnectMock.ControlPlane;

internal enum BodyForm
{
    Json,
    Text,
    Base64,
}
