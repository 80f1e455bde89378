namespace ConnectMock.Testing;

/// <summary>
/// A setting of <see cref="ConnectMockServerOptions"/> the app refuses; the message names the key and what it
/// accepts, in the words the app logs when it exits with code 2.
/// </summary>
public sealed class ConnectMockConfigurationException : Exception
{
    public ConnectMockConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
