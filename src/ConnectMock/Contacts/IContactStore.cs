namespace ConnectMock.Contacts;

/// <summary>
/// Where contacts and their chats' transcripts live, as the domain needs them. A store hands out immutable snapshots
/// (<see cref="ChatContact"/>) and changes a contact only through <see cref="Change"/>; it may keep, copy or rebuild
/// snapshots as it likes, so a second implementation (another process, Redis) can fill this contract. What the control
/// plane needs besides is <see cref="IContactCatalog"/>.
/// </summary>
/// <remarks>
/// Implementations are thread-safe and bounded: they measure what they keep and evict the oldest contacts rather than
/// grow past their budget. The contract is pinned by one test suite that every implementation runs
/// (tests/ConnectMock.Tests/Contacts/ContactStoreContract.cs).
/// </remarks>
internal interface IContactStore
{
    /// <summary>
    /// Stores the contact that <paramref name="create"/> makes, unless <paramref name="clientToken"/> already names
    /// a contact of <paramref name="instanceId"/> started within the token's lifetime: then that contact is returned
    /// and nothing is created. When <paramref name="maxActiveChats"/> is set and the instance already has that many
    /// active chats, nothing is created either. Check and insert are one atomic step, so concurrent calls with one
    /// token create one contact and a quota is never overshot. <paramref name="create"/> may be called and its
    /// contact dropped (a store that checks after making).
    /// </summary>
    StartResult AddOrGetExisting(string instanceId, string? clientToken, DateTimeOffset now, int? maxActiveChats, Func<ChatContact> create);

    /// <summary>The contact as it is now; null when it is not (or no longer) stored.</summary>
    ChatContact? Find(Guid contactId);

    /// <summary>How many chats of the instance are active (neither ended nor past their duration) at <paramref name="now"/>.</summary>
    int ActiveChats(string instanceId, DateTimeOffset now);

    /// <summary>
    /// Changes a contact in one atomic step: <paramref name="decide"/> sees the contact as it is and says what to do
    /// (<see cref="ContactEdit"/>: a new snapshot, items to post to its chat, a ClientToken to honour), or null for
    /// nothing. <paramref name="decide"/> must be a pure function of the snapshot: a store may call it more than once
    /// (optimistic concurrency) and keep only the last decision. It may throw to refuse; then nothing changes.
    /// Returns null when the contact is not stored.
    /// </summary>
    /// <remarks>
    /// How a store posts items: a kept item (<see cref="ChatItem.IsTransient"/> false) is appended to the transcript
    /// with the next <see cref="ChatItem.Sequence"/> and a time no earlier than the item before it, and the oldest
    /// items go beyond the transcript's capacity; a receipt (a transient item with <see cref="ChatItem.Receipts"/>)
    /// is recorded on the message it is for, if that is still kept; other transient items (typing, events a transcript
    /// does not keep) are only returned.
    /// With <see cref="ContactEdit.ClientToken"/> that its participant used before on this contact, nothing changes
    /// and the item posted then comes back, <see cref="ChatChange.Repeated"/>.
    /// <see cref="ContactEdit.Rehydrated"/> items (a persistent chat's past) go before the transcript's own items,
    /// as its oldest, and count against its capacity like any other: the oldest of them go first. The transcript is
    /// numbered again from 1 then. They are not returned as posted: nobody sends them now.
    /// </remarks>
    ChatChange? Change(Guid contactId, Func<ChatContact, ContactEdit?> decide);

    /// <summary>The contact's kept transcript items, oldest first, copied; null when the contact is not stored.</summary>
    IReadOnlyList<ChatItem>? Transcript(Guid contactId);

    /// <summary>
    /// Runs <paramref name="read"/> on the contact's kept transcript items, oldest first, without a copy: in place (in
    /// memory, under the store's lock) or fetched as they are asked for (Redis), so a reader that takes one page of a
    /// long transcript pays for the page only. The list is valid only while <paramref name="read"/> runs: keep it
    /// short, and keep nothing of the list but the items. A store may run <paramref name="read"/> more than once (Redis
    /// starts again when the transcript moved between two of its reads) and returns the last result: it must be a pure
    /// function of the list and let the exceptions it does not throw itself through. False, without calling it, when
    /// the contact is not stored.
    /// </summary>
    bool TryReadTranscript<T>(Guid contactId, Func<IReadOnlyList<ChatItem>, T> read, out T result);

    /// <summary>Whether the contact's transcript keeps a message (MESSAGE item) of this id.</summary>
    bool HasMessage(Guid contactId, string itemId);

    /// <summary>
    /// Whether other servers share this store's contacts (several replicas on one Redis). Then <see cref="Changed"/>
    /// and <see cref="Forgotten"/> are raised for the changes and evictions of every server, this one's included, by
    /// the store's own reader after the call that made them has returned: each contact's changes in the order they
    /// were made, each once. A store that is not shared raises them for its own, before the call returns.
    /// </summary>
    bool Shared { get; }

    /// <summary>
    /// For a <see cref="Shared"/> store: returns once this server has heard (raised <see cref="Changed"/> and
    /// <see cref="Forgotten"/> for) every change committed before the call, or after a short wait if its reader lags,
    /// so that a read of what follows those events here (the chats' timers the clock reports and fires) sees another
    /// server's change as the server that made it does. A store that is not shared has nothing to wait for.
    /// </summary>
    void CatchUp()
    {
    }

    /// <summary>
    /// Raised, outside any lock of the store, with the ids of contacts whose chat had started and that left the
    /// store (evicted, cleared, removed with their instance), so that what listens to their chats can finish.
    /// </summary>
    event Action<IReadOnlyList<Guid>>? Forgotten;

    /// <summary>
    /// Raised, outside any lock of the store, after a contact was stored or changed, with the contact as it is now and
    /// the items posted (typing and receipts included). Only the web console listens, and only while one is open: a
    /// store must build the argument only when a handler is attached, so that with no console a change costs a null
    /// check. Not raised for a decision of nothing or for a repeated ClientToken. A <see cref="Shared"/> store's chats
    /// listen too (<see cref="ChatSessions"/>): their sockets and timers hear every server's changes from here.
    /// </summary>
    event Action<ChatChange>? Changed;
}
