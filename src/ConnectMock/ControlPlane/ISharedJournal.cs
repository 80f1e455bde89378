namespace ConnectMock.ControlPlane;

/// <summary>The journal kept where every replica records and reads (the Redis provider's <see cref="RedisRequestJournal"/>).</summary>
internal interface ISharedJournal
{
    /// <summary>As <see cref="RequestJournal.Page"/>.</summary>
    IReadOnlyList<JournalEntry> Page(Func<JournalEntry, bool>? filter, long? before, int limit);

    /// <summary>As <see cref="RequestJournal.BodyOf"/>.</summary>
    byte[]? BodyOf(long sequence);

    /// <summary>As <see cref="RequestJournal.Remove"/>.</summary>
    int Remove(Func<JournalEntry, bool>? filter);
}
