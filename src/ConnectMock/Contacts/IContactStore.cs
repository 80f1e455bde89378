namespace ConnectMock.Contacts;

/// <summary>
/// Where chat contacts live. Implementations are thread-safe and bounded: they evict the oldest contacts
/// rather than grow without limit.
/// </summary>
internal interface IContactStore
{
    /// <summary>
    /// Stores the contact that <paramref name="create"/> makes, unless <paramref name="clientToken"/> already names
    /// a live contact of <paramref name="instanceId"/>: then that contact is returned, kept as <see cref="Find"/>
    /// keeps it, and nothing is created.
    /// When <paramref name="maxActiveChats"/> is set and the instance already has that many active chats, nothing
    /// is created either. Check and insert are one atomic step, so concurrent calls with one token create one
    /// contact and a quota is never overshot.
    /// </summary>
    StartResult AddOrGetExisting(string instanceId, string? clientToken, DateTimeOffset now, int? maxActiveChats, Func<ChatContact> create);

    /// <summary>
    /// A stored contact to act on (end it, change it, chat in it): its one object, which the store keeps from now
    /// on and counts against its memory budget, evicting the oldest other contacts if the budget needs it.
    /// </summary>
    ChatContact? Find(Guid contactId);

    /// <summary>
    /// A stored contact to show: its kept object if it has one, otherwise a copy made for this call that the store
    /// neither keeps nor counts, so that reading any number of contacts leaves the store as it was.
    /// </summary>
    ChatContact? View(Guid contactId);

    /// <summary>How many chats of the instance are active (neither ended nor past their duration) at <paramref name="now"/>.</summary>
    int ActiveChats(string instanceId, DateTimeOffset now);

    /// <summary>
    /// Applies <paramref name="change"/> to a stored contact and accounts for the bytes it says the contact grew by,
    /// evicting older contacts if the memory budget needs it. Returns false, without changing anything, when the
    /// contact is no longer stored.
    /// </summary>
    bool Change(ChatContact contact, Func<long> change);

    /// <summary>
    /// Stored contacts that match <paramref name="query"/>, newest first, each shown through <paramref name="view"/>
    /// as <see cref="View"/> shows one: only one copy at a time is alive, however many contacts the page holds.
    /// <paramref name="view"/> runs under the store's lock, so it should only pick out what the caller shows.
    /// </summary>
    IReadOnlyList<T> Query<T>(ContactQuery query, Func<ChatContact, T> view);

    int Count { get; }

    /// <summary>
    /// Raised, outside the store's lock, with contacts that have a chat session and left the store (evicted, cleared,
    /// removed with their instance), so that their chats can end rather than outlive them.
    /// </summary>
    event Action<IReadOnlyList<ChatContact>>? Forgotten;

    void Clear();

    /// <summary>Forgets every contact of one instance; returns how many there were.</summary>
    int RemoveInstance(string instanceId);
}

/// <summary>What a start did: created a contact, returned an earlier one for its ClientToken, or hit the quota.</summary>
internal enum StartOutcome
{
    Created,
    Replayed,
    QuotaExceeded,
}

/// <summary>The outcome of a start and the contact it returned (null only when the quota was exceeded).</summary>
internal readonly record struct StartResult(StartOutcome Outcome, ChatContact? Contact);

/// <summary>
/// A filter over stored contacts. <see cref="Before"/> is a paging cursor: only contacts stored before the one
/// with that sequence number.
/// </summary>
internal sealed record ContactQuery(
    string? InstanceId = null,
    string? ClientToken = null,
    string? ContactFlowId = null,
    long? Before = null,
    int Limit = int.MaxValue)
{
    public bool Matches(ChatContact contact) =>
        (InstanceId is null || contact.Request.InstanceId == InstanceId)
        && (ClientToken is null || contact.Request.ClientToken == ClientToken)
        && (ContactFlowId is null || contact.Request.ContactFlowId == ContactFlowId)
        && (Before is null || contact.Sequence < Before);
}
