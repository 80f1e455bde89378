namespace ConnectMock.Connect;

/// <summary>Persistent chat: continue a past chat session.</summary>
internal sealed class PersistentChat
{
    /// <summary>Which past contact to rehydrate from. Required for persistent chat.</summary>
    /// <example>ENTIRE_PAST_SESSION</example>
    public string? RehydrationType { get; set; }

    /// <summary>The past contact (or initial contact of the past session) to continue from.</summary>
    /// <example>d88ac802-4fa8-4ddd-9e59-89ac2e378879</example>
    public string? SourceContactId { get; set; }
}
