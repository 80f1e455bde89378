namespace ConnectMock.Hosting;

internal enum LogFormat
{
    Text,
    Json,
}
