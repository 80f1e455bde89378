namespace ConnectMock.Contacts;

/// <summary>
/// Keys that sign what one replica hands out and another checks (connection and WebSocket tokens, attachment URLs):
/// the same on every replica of one Redis (the Redis provider's); in memory each process makes its own.
/// </summary>
internal interface ISharedKeys
{
    /// <summary>The 32-byte key of this name, made by the first replica that asks for it.</summary>
    byte[] Key(string name);
}
