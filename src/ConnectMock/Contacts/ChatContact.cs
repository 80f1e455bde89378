using System.Collections.ObjectModel;

namespace ConnectMock.Contacts;

/// <summary>
/// A chat contact as the mock keeps it: what was asked for, fixed at the start, and what has happened since
/// (its end, its current attributes): one immutable snapshot, replaced under the contact's lock and read without it.
/// </summary>
internal sealed class ChatContact(
    Guid contactId,
    Guid participantId,
    ChatTokens.ParticipantSecret participantSecret,
    ChatRequest request,
    DateTimeOffset initiatedAt,
    string? continuedFromContactId)
{
    private readonly ChatTokens.ParticipantSecret _participantSecret = participantSecret;

    // Both made on the first change: most contacts of a load test are never changed, and every object a stored
    // contact holds is one more for the GC to copy when it promotes the contact.
    private Lock? _lock;
    private Changes? _changes;
    private ChatSession? _session;
    private long _grownBytes;

    public Guid ContactId { get; } = contactId;

    public Guid ParticipantId { get; } = participantId;

    /// <summary>A secret of the customer participant: shown to its creator, never logged. Made anew on each read.</summary>
    public string ParticipantToken => ChatTokens.ParticipantToken(ContactId, ParticipantId, _participantSecret);

    public ChatRequest Request { get; } = request;

    /// <summary>The participant token's secret, for the store to keep; never shown or logged.</summary>
    internal ChatTokens.ParticipantSecret Secret => _participantSecret;

    public DateTimeOffset InitiatedAt { get; } = initiatedAt;

    /// <summary>When the chat ends by itself: its start plus ChatDurationInMinutes.</summary>
    public DateTimeOffset ExpiresAt { get; } = initiatedAt + request.ChatDuration;

    public string? ContinuedFromContactId { get; } = continuedFromContactId;

    /// <summary>
    /// What this contact's objects take, as it is now: counted by the store only for contacts it keeps as objects,
    /// so it is worked out when asked, not for every contact a start creates.
    /// </summary>
    public long EstimatedBytes => 352 + Size.Of(Request) + Volatile.Read(ref _grownBytes);

    /// <summary>The store's insertion order: larger is newer. Set once, when the store accepts the contact.</summary>
    public long Sequence { get; internal set; }

    /// <summary>The contact attributes now: those of the start, with later updates merged in.</summary>
    public IReadOnlyDictionary<string, string> Attributes => Current.Attributes;

    public DateTimeOffset LastUpdatedAt => Current.LastUpdatedAt;

    private Lock Gate => _lock ?? Interlocked.CompareExchange(ref _lock, new Lock(), null) ?? _lock;

    private Changes Current =>
        Volatile.Read(ref _changes) ?? new Changes((IReadOnlyDictionary<string, string>?)Request.Attributes ?? ReadOnlyDictionary<string, string>.Empty, InitiatedAt, null, null);

    /// <summary>When the chat ended (stopped, left, or past its duration), or null while it is active.</summary>
    public DateTimeOffset? EndedAt(DateTimeOffset now) => Volatile.Read(ref _changes)?.DisconnectedAt ?? (now >= ExpiresAt ? ExpiresAt : null);

    /// <summary>Why the chat ended, once it has: the reason it was ended with, or EXPIRED past its duration.</summary>
    public string? DisconnectReason(DateTimeOffset now) => Volatile.Read(ref _changes)?.DisconnectReason ?? (now >= ExpiresAt ? "EXPIRED" : null);

    /// <summary>
    /// The chat after its start, made on first use: most contacts of a load test never reach the Participant
    /// Service, and StartChatContact should not pay for what they never use.
    /// </summary>
    public (ChatSession Session, bool Created) GetOrCreateSession(Func<ChatContact, ChatSession> create)
    {
        if (Volatile.Read(ref _session) is { } existing)
        {
            return (existing, false);
        }

        var made = create(this);
        var winner = Interlocked.CompareExchange(ref _session, made, null);
        return winner is null ? (made, true) : (winner, false);
    }

    /// <summary>The chat after its start, if anything has made it yet.</summary>
    public ChatSession? ExistingSession => Volatile.Read(ref _session);

    /// <summary>Whether a presented participant token carries this contact's secret (compared in constant time).</summary>
    public bool HasParticipantSecret(in ChatTokens.ParticipantSecret presented) =>
        ChatTokens.ParticipantSecret.Same(presented, _participantSecret);

    /// <summary>Adds the growth of the chat after its start to what the store counts for this contact.</summary>
    public long Grow(long bytes)
    {
        lock (Gate)
        {
            _grownBytes += bytes;
            return bytes;
        }
    }

    public ContactState StateAt(DateTimeOffset now) => EndedAt(now) is null ? ContactState.Active : ContactState.Ended;

    /// <summary>Ends the chat now; false when it had already ended, which changes nothing.</summary>
    public bool End(DateTimeOffset now, string reason)
    {
        lock (Gate)
        {
            var current = Current;
            if (current.DisconnectedAt is not null || now >= ExpiresAt)
            {
                return false;
            }

            Volatile.Write(ref _changes, current with { DisconnectedAt = now, DisconnectReason = reason, LastUpdatedAt = now });
            return true;
        }
    }

    /// <summary>
    /// Merges attributes in (new keys added, existing ones replaced) unless the result would measure more than
    /// <paramref name="maxTotal"/> by <paramref name="measure"/>: checked and applied as one step, so that concurrent
    /// updates cannot together pass the limit. Returns whether it merged, the growth in estimated bytes and the size.
    /// </summary>
    public (bool Merged, long Growth, long Total) MergeAttributes(
        IReadOnlyDictionary<string, string> changes, DateTimeOffset now, Func<IReadOnlyDictionary<string, string>, long> measure, long maxTotal)
    {
        lock (Gate)
        {
            var current = Current;
            var merged = new Dictionary<string, string>(current.Attributes, StringComparer.Ordinal);
            foreach (var (key, value) in changes)
            {
                merged[key] = value;
            }

            var total = measure(merged);
            if (total > maxTotal)
            {
                return (false, 0, total);
            }

            var growth = Size.Of(merged, Size.Of) - Size.Of(current.Attributes, Size.Of);
            Volatile.Write(ref _changes, current with { Attributes = merged, LastUpdatedAt = now });
            _grownBytes += growth;
            return (true, growth, total);
        }
    }

    /// <summary>What has changed since the start; replaced whole, so a reader always sees one consistent state.</summary>
    private sealed record Changes(
        IReadOnlyDictionary<string, string> Attributes, DateTimeOffset LastUpdatedAt, DateTimeOffset? DisconnectedAt, string? DisconnectReason);
}

internal enum ContactState
{
    Active,
    Ended,
}
