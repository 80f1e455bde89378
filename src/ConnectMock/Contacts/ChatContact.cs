using System.Collections.ObjectModel;

namespace ConnectMock.Contacts;

/// <summary>
/// A chat contact as the store hands it out: an immutable snapshot of what was asked for at the start and what has
/// happened since (its end, its attributes, who is in its chat). A change makes a new snapshot
/// (<see cref="IContactStore.Change"/>); nobody changes one in place, so a store may keep it, copy it or rebuild it
/// from its own encoding.
/// </summary>
internal sealed class ChatContact
{
    public ChatContact(
        Guid contactId, Guid participantId, ChatTokens.ParticipantSecret participantSecret, ChatRequest request, DateTimeOffset initiatedAt, string? continuedFromContactId)
    {
        ContactId = contactId;
        ParticipantId = participantId;
        Secret = participantSecret;
        Request = request;
        InitiatedAt = initiatedAt;
        ExpiresAt = initiatedAt + request.ChatDuration;
        _continuedFromAtStart = continuedFromContactId;
    }

    private ChatContact(ChatContact from, Changes changes)
        : this(from.ContactId, from.ParticipantId, from.Secret, from.Request, from.InitiatedAt, from._continuedFromAtStart)
    {
        Sequence = from.Sequence;
        _changes = changes;
    }

    // Null until the first change: most contacts of a load test are never changed.
    private readonly Changes? _changes;

    private readonly string? _continuedFromAtStart;

    public Guid ContactId { get; }

    public Guid ParticipantId { get; }

    /// <summary>A secret of the customer participant: shown to its creator, never logged. Made anew on each read.</summary>
    public string ParticipantToken => ChatTokens.ParticipantToken(ContactId, ParticipantId, Secret);

    public ChatRequest Request { get; }

    /// <summary>The participant token's secret, for the store to keep; never shown or logged.</summary>
    public ChatTokens.ParticipantSecret Secret { get; }

    public DateTimeOffset InitiatedAt { get; }

    /// <summary>When the chat ends by itself: its start plus ChatDurationInMinutes.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>
    /// Clients "must subscribe to the participant's connection for the created chat within 5 minutes" of
    /// StartChatContact (its API reference), by calling CreateParticipantConnection; a chat whose customer did not
    /// ends then, with the contact record's reason for it, CUSTOMER_CONNECTION_NOT_ESTABLISHED.
    /// </summary>
    public static readonly TimeSpan CustomerConnectWindow = TimeSpan.FromMinutes(5);

    public const string ExpiredReason = "EXPIRED";

    public const string NotConnectedReason = "CUSTOMER_CONNECTION_NOT_ESTABLISHED";

    /// <summary>
    /// When the chat ends by itself unless someone ends it first: at its duration's end, or at the end of the window
    /// the customer has to connect in while it has not.
    /// </summary>
    public DateTimeOffset EndsBy =>
        Chat is { CustomerConnected: true } || ExpiresAt <= InitiatedAt + CustomerConnectWindow ? ExpiresAt : InitiatedAt + CustomerConnectWindow;

    /// <summary>
    /// The past contact a persistent chat continues from (its rehydration source): given at the start
    /// (StartChatContact's PersistentChat), or later (CreatePersistentContactAssociation); null for other chats.
    /// </summary>
    public string? ContinuedFromContactId => _changes?.ContinuedFromContactId ?? _continuedFromAtStart;

    /// <summary>Whether persistence came after the start, through CreatePersistentContactAssociation.</summary>
    public bool AssociatedLater => _changes?.ContinuedFromContactId is not null;

    /// <summary>The ClientToken of the CreatePersistentContactAssociation that made this chat persistent, if it had one.</summary>
    public string? AssociationClientToken => _changes?.AssociationClientToken;

    /// <summary>The store's insertion order: larger is newer. Set once, by the store, when it accepts the contact.</summary>
    public long Sequence { get; internal set; }

    /// <summary>The contact attributes now: those of the start, with later updates merged in.</summary>
    public IReadOnlyDictionary<string, string> Attributes => _changes?.Attributes ?? (IReadOnlyDictionary<string, string>?)Request.Attributes ?? ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Whether the attributes were changed since the start (a store need keep them apart from the request only then).</summary>
    public bool AttributesChanged => _changes?.Attributes is not null;

    public DateTimeOffset LastUpdatedAt => _changes?.LastUpdatedAt ?? InitiatedAt;

    /// <summary>When the contact was ended (stopped, left, expired on use), or null while nobody ended it.</summary>
    public DateTimeOffset? DisconnectedAt => _changes?.DisconnectedAt;

    /// <summary>The chat after its start, once the Participant Service or the control plane has used it; null before.</summary>
    public ChatState? Chat => _changes?.Chat;

    /// <summary>The participant timers UpdateParticipantRoleConfig set (<see cref="ParticipantTimerSettings.None"/> until then).</summary>
    public ParticipantTimerSettings ParticipantTimers => _changes?.ParticipantTimers ?? ParticipantTimerSettings.None;

    /// <summary>The agent the contact was last connected to (DescribeContact's AgentInfo); null before any agent joined.</summary>
    public AgentAssignment? Agent => _changes?.Agent;

    /// <summary>The queue a transfer placed the contact in (DescribeContact's QueueInfo); null when it was never transferred to one.</summary>
    public QueueAssignment? Queue => _changes?.Queue;

    /// <summary>When the chat ended (stopped, left, or past its duration), or null while it is active.</summary>
    public DateTimeOffset? EndedAt(DateTimeOffset now) => DisconnectedAt ?? (now >= EndsBy ? EndsBy : null);

    /// <summary>Why the chat ended, once it has: the reason it was ended with, or the reason it ended by itself.</summary>
    public string? DisconnectReason(DateTimeOffset now) =>
        _changes?.DisconnectReason ?? (now < EndsBy ? null : EndsBy == ExpiresAt ? ExpiredReason : NotConnectedReason);

    public ContactState StateAt(DateTimeOffset now) => EndedAt(now) is null ? ContactState.Active : ContactState.Ended;

    /// <summary>
    /// Whether a presented participant token carries the secret of <paramref name="participantId"/> (compared in
    /// constant time): the contact's own for the customer, the one CreateParticipant stored for a participant it added.
    /// </summary>
    public bool HasParticipantSecret(Guid participantId, in ChatTokens.ParticipantSecret presented) =>
        participantId == ParticipantId
            ? ChatTokens.ParticipantSecret.Same(presented, Secret)
            : Chat?.Member(participantId)?.Secret is { } added && ChatTokens.ParticipantSecret.Same(presented, added);

    /// <summary>This contact ended at <paramref name="now"/>; null when it had ended already (by either way).</summary>
    public ChatContact? Ended(DateTimeOffset now, string reason) =>
        EndedAt(now) is not null ? null : With(Current with { DisconnectedAt = now, DisconnectReason = reason, LastUpdatedAt = now });

    public ChatContact WithAttributes(IReadOnlyDictionary<string, string> attributes, DateTimeOffset now) =>
        With(Current with { Attributes = attributes, LastUpdatedAt = now });

    public ChatContact WithChat(ChatState chat) => With(Current with { Chat = chat });

    public ChatContact WithParticipantTimers(ParticipantTimerSettings timers, DateTimeOffset now) =>
        With(Current with { ParticipantTimers = timers, LastUpdatedAt = now });

    /// <summary>This contact connected to <paramref name="agent"/>, updated at the time it connected.</summary>
    public ChatContact WithAgent(AgentAssignment agent) => With(Current with { Agent = agent, LastUpdatedAt = agent.ConnectedAt });

    /// <summary>This contact placed in <paramref name="queue"/>, updated at the time it was.</summary>
    public ChatContact WithQueue(QueueAssignment queue) => With(Current with { Queue = queue, LastUpdatedAt = queue.EnqueuedAt });

    /// <summary>This contact updated at <paramref name="now"/> (its agent left, someone was invited).</summary>
    public ChatContact UpdatedAt(DateTimeOffset now) => With(Current with { LastUpdatedAt = now });

    /// <summary>This chat made persistent after its start (CreatePersistentContactAssociation).</summary>
    public ChatContact ContinuingFrom(string sourceContactId, string? clientToken, DateTimeOffset now) =>
        With(Current with { ContinuedFromContactId = sourceContactId, AssociationClientToken = clientToken, LastUpdatedAt = now });

    private Changes Current => _changes ?? new Changes(null, InitiatedAt, null, null, null, null, null, null, null, null);

    private ChatContact With(Changes changes) => new(this, changes);

    /// <summary>What has changed since the start, for a store that keeps it apart from the start; null before any change.</summary>
    internal Changes? Changed => _changes;

    /// <summary>This contact as it was started, with <paramref name="changes"/> (kept by a store) made since.</summary>
    internal ChatContact Restored(Changes? changes) => changes is null ? this : new(this, changes);

    /// <summary>What has changed since the start.</summary>
    internal sealed record Changes(
        IReadOnlyDictionary<string, string>? Attributes,
        DateTimeOffset LastUpdatedAt,
        DateTimeOffset? DisconnectedAt,
        string? DisconnectReason,
        ChatState? Chat,
        string? ContinuedFromContactId,
        string? AssociationClientToken,
        ParticipantTimerSettings? ParticipantTimers,
        AgentAssignment? Agent,
        QueueAssignment? Queue);
}
