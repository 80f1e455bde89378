namespace ConnectMock.Testing;

/// <summary>A journal assertion of <see cref="ConnectMockControlPlaneClient"/> failed; the message lists what was called.</summary>
public sealed class ConnectMockAssertionException : Exception
{
    public ConnectMockAssertionException(string message)
        : base(message)
    {
    }
}
