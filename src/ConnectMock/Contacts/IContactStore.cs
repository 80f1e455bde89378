namespace ConnectMock.Contacts;

/// <summary>
/// Where chat contacts live. Implementations are thread-safe and bounded: they evict the oldest contacts
/// rather than grow without limit.
/// </summary>
public interface IContactStore
{
    /// <summary>
    /// Stores the contact that <paramref name="create"/> makes, unless <paramref name="clientToken"/> already names
    /// a live contact of <paramref name="instanceId"/>: then that contact is returned and nothing is created.
    /// Check and insert are one atomic step, so concurrent calls with one token create one contact.
    /// </summary>
    StartResult AddOrGetExisting(string instanceId, string? clientToken, DateTimeOffset now, Func<ChatContact> create);

    ChatContact? Find(Guid contactId);

    /// <summary>Every stored contact, oldest first.</summary>
    IReadOnlyList<ChatContact> Snapshot();

    int Count { get; }

    void Clear();
}

/// <summary>The contact a start returned, and whether it was an earlier one returned again for its ClientToken.</summary>
public readonly record struct StartResult(ChatContact Contact, bool Replayed);
