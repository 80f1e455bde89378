using System.Collections.Concurrent;
using System.Text.Json;
using ConnectMock.Aws;

namespace ConnectMock.Contacts;

/// <summary>
/// The chat after StartChatContact: what the Participant Service, the WebSocket, StopContact, the agent simulation
/// and the bot do to a contact's chat. Tokens are checked here; the HTTP layers only map. Every change goes through
/// the store (<see cref="IContactStore.Change"/>); what is open on this server for a chat (its sockets) is a
/// <see cref="LiveChat"/>, delivered to under the chat's lock so that every socket of a chat sees one order.
/// </summary>
internal sealed partial class ChatSessions
{
    /// <summary>The connection token lives a day, as the Participant Service documents.</summary>
    public static readonly TimeSpan ConnectionTokenLifetime = TimeSpan.FromDays(1);

    /// <summary>A WebSocket URL must be used within 100 seconds, as the Participant Service documents.</summary>
    public static readonly TimeSpan WebSocketUrlLifetime = TimeSpan.FromSeconds(100);

    /// <summary>
    /// A participant that CreateParticipant added must connect within 15 seconds, as Amazon Connect's guide to custom
    /// participants says; later, CreateParticipantConnection answers ResourceNotFoundException, as its troubleshooting
    /// tips say.
    /// </summary>
    public static readonly TimeSpan AddedParticipantConnectWindow = TimeSpan.FromSeconds(15);

    public const string AccessDeniedMessage = "You do not have sufficient access to perform this action.";

    // Chats share locks by the hash of their id: a lock per chat would be one more object per contact to keep.
    private const int ChatLocks = 256;

    private readonly IContactStore _store;
    private readonly ChatTokens _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger<ChatSessions> _log;
    private readonly ConcurrentDictionary<Guid, LiveChat> _live = new();
    private readonly Lock[] _locks = [.. Enumerable.Range(0, ChatLocks).Select(_ => new Lock())];
    private readonly ChatDeadlines _deadlines;
    private readonly bool _shared;
    private readonly ISharedWebSocketUrls? _sharedUrls;

    public ChatSessions(IContactStore store, ChatTokens tokens, TimeProvider time, ILogger<ChatSessions> log, ISharedWebSocketUrls? sharedUrls = null)
    {
        _store = store;
        _sharedUrls = sharedUrls;
        _tokens = tokens;
        _time = time;
        _deadlines = new ChatDeadlines(time, DeadlineReached);
        _log = log;
        store.Forgotten += Forget;
        if (store.Shared)
        {
            // Other servers change these chats too: every change, this server's included, reaches the sockets from the
            // store's feed, in the order the store made them, once each.
            _shared = true;
            store.Changed += Heard;
        }
    }

    /// <summary>What CreateParticipantConnection hands out.</summary>
    public sealed record Connection(
        ChatContact Contact,
        ChatMember Participant,
        string ConnectionToken,
        DateTimeOffset ConnectionExpiry,
        string WebSocketToken,
        DateTimeOffset WebSocketExpiry);

    /// <summary>What CreateParticipant hands out: the participant and its token, valid for the chat's lifetime.</summary>
    public sealed record AddedParticipant(ChatContact Contact, ChatMember Participant, string ParticipantToken, DateTimeOffset Expiry);

    public TimeProvider Time => _time;

    /// <summary>The chats this server holds something open for (sockets, used URLs): what the expiry sweep looks at.</summary>
    public IEnumerable<Guid> LiveChats => _live.Keys;

    /// <summary>Raised after a customer's message is posted (not for a repeat of a ClientToken): the bot listens.</summary>
    public event Action<Guid, ChatItem>? CustomerSaid;

    /// <summary>
    /// Raised after every change of a chat (not for a repeat of a ClientToken), under the chat's lock (<see cref="LockOf"/>),
    /// after its items reached the sockets: the chat timers follow who is present and who wrote.
    /// </summary>
    public event Action<ChatChange>? Changed;

    /// <summary>Raised once per chat, when it first starts (the customer joined): the bot joins then.</summary>
    public event Action<Guid>? ChatStarted;

    /// <summary>CreateParticipantConnection: a participant token buys a connection token and a WebSocket URL token.</summary>
    public Connection Connect(string participantToken)
    {
        var now = _time.GetUtcNow();

        // The token is compared before anything about its chat is looked at, let alone made.
        if (ChatTokens.ReadParticipantToken(participantToken) is not { } ids
            || _store.Find(ids.ContactId) is not { } found
            || !found.HasParticipantSecret(ids.ParticipantId, ids.Secret))
        {
            throw AccessDenied();
        }

        var (contact, member) = ActiveParticipant((ids.ContactId, ids.ParticipantId), now) ?? throw AccessDenied();
        if (!member.Joined)
        {
            (contact, member) = JoinOnFirstConnection(contact, member, now);
        }

        if (member.Id == contact.ParticipantId && contact.Chat is { CustomerConnected: false })
        {
            contact = Apply(contact.ContactId, current =>
                current.Chat is { Ended: false, CustomerConnected: false } chat ? new ContactEdit(current.WithChat(chat with { CustomerConnected = true }), []) : null)?.Contact ?? contact;
        }

        var connectionExpiry = now + ConnectionTokenLifetime;
        DateTimeOffset socketExpiry;
        if (_sharedUrls is not null)
        {
            socketExpiry = _sharedUrls.NewExpiry(member.Id, now + WebSocketUrlLifetime, WebSocketUrlLifetime);
        }
        else
        {
            lock (LockOf(contact.ContactId))
            {
                socketExpiry = _live.GetOrAdd(contact.ContactId, _ => new LiveChat()).NewWebSocketExpiry(member.Id, now + WebSocketUrlLifetime);
            }
        }

        return new Connection(
            contact,
            member,
            _tokens.Sign(ChatTokens.Kind.Connection, contact.ContactId, member.Id, connectionExpiry),
            connectionExpiry,
            _tokens.Sign(ChatTokens.Kind.WebSocket, contact.ContactId, member.Id, socketExpiry),
            socketExpiry);
    }

    /// <summary>The contact and participant a connection token (or WebSocket token) stands for, while both are active.</summary>
    public (ChatContact Contact, ChatMember Participant) Authenticate(string? token, ChatTokens.Kind kind = ChatTokens.Kind.Connection)
    {
        var now = _time.GetUtcNow();
        return (token is null ? null : ActiveParticipant(_tokens.Verify(kind, token, now), now)) ?? throw AccessDenied();
    }

    /// <summary>
    /// Spends the token of a WebSocket URL: each URL opens one socket. chatjs asks CreateParticipantConnection for a
    /// new URL whenever it connects again; it tries a URL again only while none of its sockets opened.
    /// </summary>
    public void UseWebSocketUrl(Guid contactId, Guid participantId, string token)
    {
        // A verified URL token names its URL by its expiry: the signature allows one token per participant and expiry,
        // and no two URLs of a participant share one (NewWebSocketExpiry). So no copy of the token is kept, and a
        // space in it (Base64 decoding skips whitespace) does not make it a new URL.
        var expiry = ChatTokens.ExpiryOf(token);
        bool? used;
        if (_sharedUrls is not null)
        {
            // Several replicas: spent where every replica sees it, so that a URL opens one socket in the cluster.
            used = _sharedUrls.TryUse(participantId, expiry, _time.GetUtcNow(), WebSocketUrlLifetime, LiveChat.MaxWebSocketUrlsInLifetime);
        }
        else
        {
            lock (LockOf(contactId))
            {
                used = _live.GetOrAdd(contactId, _ => new LiveChat()).TryUseWebSocketUrl(participantId, expiry, _time.GetUtcNow(), WebSocketUrlLifetime);
            }
        }

        switch (used)
        {
            case true:
                return;
            case false:
                throw AwsErrors.Of(AwsErrors.AccessDeniedName,
                    "This WebSocket URL was used already; each opens one connection. Call CreateParticipantConnection for a new one.");
            default:
                throw AwsErrors.LimitExceeded(
                    $"This participant opened {LiveChat.MaxWebSocketUrlsInLifetime} WebSockets within {WebSocketUrlLifetime.TotalSeconds:0} seconds; wait before opening another.");
        }
    }

    /// <summary>Adds a subscriber to an active chat; one of an ended chat is completed at once.</summary>
    public void Subscribe(Guid contactId, IChatSubscriber subscriber, int maxPerParticipant)
    {
        lock (LockOf(contactId))
        {
            if (_store.Find(contactId)?.Chat is not { Ended: false })
            {
                subscriber.Complete(SubscriptionEnd.ChatEnded);
                return;
            }

            _live.GetOrAdd(contactId, _ => new LiveChat()).Subscribe(subscriber, maxPerParticipant);
        }
    }

    /// <summary>
    /// A subscriber now takes the chat's items (its client subscribed to them). A chat started persistent got its
    /// chat.rehydrated before any socket could be open: the first subscriber hears it, so that chatjs's
    /// onChatRehydrated fires as it does against Amazon Connect.
    /// </summary>
    public void SubscribedToItems(Guid contactId, IChatSubscriber subscriber)
    {
        lock (LockOf(contactId))
        {
            if (!_live.TryGetValue(contactId, out var live) || live.RehydrationHeard
                || _store.Find(contactId)?.ContinuedFromContactId is null
                || _store.Transcript(contactId)?.LastOrDefault(i => i.ContentType == ChatEvents.Rehydrated) is not { } rehydrated)
            {
                return;
            }

            live.RehydrationHeard = true;
            subscriber.Deliver(new ChatDelivery(rehydrated, contactId));
        }
    }

    public void Unsubscribe(Guid contactId, IChatSubscriber subscriber)
    {
        lock (LockOf(contactId))
        {
            if (_live.TryGetValue(contactId, out var live))
            {
                live.Unsubscribe(subscriber);
            }
        }
    }

    public ChatItem SendMessage(string connectionToken, string contentType, string content, string? clientToken)
    {
        var (contact, member) = Authenticate(connectionToken);
        var allowed = contact.Request.SupportedMessagingContentTypes ?? [ChatContentTypes.Plain];
        if (!allowed.Contains(contentType) || !ChatContentTypes.Sendable.Contains(contentType))
        {
            throw AwsErrors.Of(AwsErrors.ValidationName,
                $"ContentType '{contentType}' is not supported by this chat; its SupportedMessagingContentTypes are [{string.Join(", ", allowed)}].");
        }

        var item = new ChatItem(NewItemId(), ChatEvents.Message, contentType, content, _time.GetUtcNow(), member.Info, null);
        var (posted, repeated) = Post(contact.ContactId, item, clientToken is null ? null : new ClientTokenUse(member.Id, clientToken));
        if (!repeated && member.Role == ParticipantRoles.Customer)
        {
            CustomerSaid?.Invoke(contact.ContactId, posted);
        }

        return posted;
    }

    public ChatItem SendEvent(string connectionToken, string contentType, string? content)
    {
        var (contact, member) = Authenticate(connectionToken);
        return Post(contact.ContactId, EventItem(contact.ContactId, member, contentType, content)).Item;
    }

    /// <summary>
    /// The item an event of <paramref name="member"/> becomes: a read or delivered receipt as a MESSAGEMETADATA item,
    /// any other content type as an EVENT item of that type (<see cref="ChatItem.IsTransient"/> says whether it is kept).
    /// </summary>
    public ChatItem EventItem(Guid contactId, ChatMember member, string contentType, string? content)
    {
        var now = _time.GetUtcNow();
        if (contentType is not (ChatEvents.Read or ChatEvents.Delivered))
        {
            return new ChatItem(NewItemId(), ChatEvents.Event, contentType, content, now, member.Info, null);
        }

        var messageId = ReceiptMessageId(content)
            ?? throw AwsErrors.Of(AwsErrors.ValidationName, "Content of a receipt must be JSON like {\"messageId\":\"<id of the message>\"}.");
        if (!_store.HasMessage(contactId, messageId))
        {
            throw AwsErrors.Of(AwsErrors.ConflictName, $"No message with the id '{messageId}' is in this chat.");
        }

        var read = contentType == ChatEvents.Read;
        return new ChatItem(NewItemId(), ChatEvents.MessageMetadata, ChatEvents.Metadata, null, now, null,
            new MessageReceipts(messageId, [new ReceiptInfo(member.Id, read ? null : now, read ? now : null)]));
    }

    /// <summary>
    /// Reads the chat's transcript, as this participant may read it: the whole of it, or, when <paramref name="contactId"/>
    /// names a past contact of a persistent chat's chain, the items sent on that contact. Any other contact is
    /// AccessDeniedException, as for a contact of someone else's chat. The chat's own transcript is read in place
    /// (<see cref="IContactStore.TryReadTranscript{T}"/>): <paramref name="read"/> runs under the store's lock, or
    /// more than once on Redis, and should take only what it returns.
    /// </summary>
    public T ReadTranscript<T>(string connectionToken, string? contactId, Func<ChatTranscript, T> read)
    {
        var (contact, _) = Authenticate(connectionToken);
        if (contactId is null || contactId == contact.ContactId.ToString())
        {
            return _store.TryReadTranscript(contact.ContactId, items => read(new ChatTranscript(contact.ContactId, contact.ContactId, items)), out var own)
                ? own
                : throw AccessDenied();
        }

        // The chain: the contact the chat continues, and every contact its past items were sent on (the source's own
        // past, for a chat that continues a persistent chat), even when the transcript's capacity dropped them all.
        var items = _store.Transcript(contact.ContactId) ?? throw AccessDenied();
        return ContactIds.TryParse(contactId, out var past)
            && (contactId == contact.ContinuedFromContactId || items.Any(i => i.RelatedContactId == past))
            ? read(new ChatTranscript(contact.ContactId, past, [.. items.Where(i => i.RelatedContactId == past)]))
            : throw AccessDenied();
    }

    /// <summary>
    /// Brings a past chat into a new one that continues it (StartChatContact's PersistentChat): the source's transcript,
    /// its own past included, as the new chat's oldest items, each marked with the contact it was sent on, then
    /// chat.rehydrated. Copied now, while the source is surely stored, rather than read from it later.
    /// </summary>
    public void Rehydrate(Guid contactId, ChatContact source)
    {
        var past = PastItems(source);
        var now = _time.GetUtcNow();
        _ = Apply(contactId, _ => new ContactEdit(null, [NewEvent(ChatEvents.Rehydrated, null, now)], Rehydrated: past));
    }

    /// <summary>
    /// CreatePersistentContactAssociation: makes an active chat continue <paramref name="source"/>, once. Its past items
    /// go before its own; chat.rehydrated tells its sockets to read the transcript again. A repeat of the
    /// <paramref name="clientToken"/> that did it changes nothing and returns the chat as it is.
    /// </summary>
    public ChatContact Associate(Guid contactId, ChatContact source, string? clientToken)
    {
        var started = Start(_store.Find(contactId) ?? throw AwsErrors.ResourceNotFound(ChatService.ContactNotFoundMessage));
        var past = PastItems(source);
        var now = _time.GetUtcNow();
        var change = Apply(started.ContactId, contact =>
        {
            if (clientToken is not null && contact.AssociationClientToken == clientToken)
            {
                return null;
            }

            CheckCanContinue(contact, now);
            return new ContactEdit(
                contact.ContinuingFrom(source.ContactId.ToString(), clientToken, now),
                [NewEvent(ChatEvents.Rehydrated, null, now)],
                Rehydrated: past);
        });
        return change?.Contact ?? throw AwsErrors.ResourceNotFound(ChatService.ContactNotFoundMessage);
    }

    /// <summary>
    /// Why a chat cannot be made persistent now, as InvalidRequestException: the rules of the admin guide ("You can
    /// enable persistence of a SourceContactID on a new chat only once"), of StartChatContact (RelatedContactId and
    /// PersistentChat exclude each other) and of the operation ("for the lifespan of a contact": an active one).
    /// </summary>
    public static void CheckCanContinue(ChatContact contact, DateTimeOffset now)
    {
        if (contact.ContinuedFromContactId is { } earlier)
        {
            throw AwsErrors.Of(AwsErrors.InvalidRequestName,
                $"Contact {contact.ContactId} is a persistent chat already (it continues contact {earlier}); persistence can be enabled on a chat only once.");
        }

        if (contact.Request.RelatedContactId is not null)
        {
            throw AwsErrors.Of(AwsErrors.InvalidRequestName,
                $"Contact {contact.ContactId} was started with a RelatedContactId; RelatedContactId and PersistentChat cannot be provided together.");
        }

        if (contact.StateAt(now) == ContactState.Ended)
        {
            throw AwsErrors.Of(AwsErrors.InvalidRequestName,
                $"Contact {contact.ContactId} has ended; only an active chat can be made persistent.");
        }
    }

    /// <summary>A past contact's transcript as a chat that continues it shows it: each item marked with the contact it was sent on.</summary>
    private List<ChatItem> PastItems(ChatContact source) =>
        [.. TranscriptOf(source).Select(i => i with { RelatedContactId = i.RelatedContactId ?? source.ContactId, Sequence = 0 })];

    /// <summary>A contact's transcript, its chat started first if nothing had started it (the control plane's view).</summary>
    public IReadOnlyList<ChatItem> TranscriptOf(ChatContact contact)
    {
        Start(contact);
        return _store.Transcript(contact.ContactId) ?? [];
    }

    /// <summary>
    /// DisconnectParticipant: the participant leaves; when the customer leaves, the chat ends (CUSTOMER_DISCONNECT). A
    /// custom participant leaves alone. (The agent is simulated: it leaves through <see cref="AgentSimulation.Leave"/>.)
    /// </summary>
    public void Disconnect(string connectionToken)
    {
        var (contact, member) = Authenticate(connectionToken);
        Leave(contact.ContactId, member, member.Role == ParticipantRoles.Customer ? "CUSTOMER_DISCONNECT" : null);
    }

    /// <summary>
    /// A participant leaves: participant.left, after the <paramref name="announcement"/> event from it if one is given.
    /// With <paramref name="endReason"/> the chat ends with it, for that reason; without, the others stay in the chat.
    /// </summary>
    public void Leave(Guid contactId, ChatMember member, string? endReason, string? announcement = null)
    {
        var now = _time.GetUtcNow();
        Apply(contactId, contact =>
        {
            if (contact.Chat is not { Ended: false } chat || chat.Member(member.Id) is not { Left: false } present)
            {
                return null;
            }

            var left = chat.With(present with { Left = true });
            List<ChatItem> items = announcement is null ? [] : [NewEvent(announcement, present.Info, now)];
            items.Add(NewEvent(ChatEvents.Left, present.Info, now));
            if (endReason is null)
            {
                return new ContactEdit((member.Role == ParticipantRoles.Agent ? contact.UpdatedAt(now) : contact).WithChat(left), items);
            }

            // The one who left hears chat.ended too: that is what tells chatjs the chat is over (onEnded).
            items.Add(NewEvent(ChatEvents.Ended, null, now));
            return new ContactEdit((contact.Ended(now, endReason) ?? contact).WithChat(left with { Ended = true }), items);
        });
    }

    /// <summary>Ends a contact's chat (StopContact, the control plane, expiry): chat.ended to everyone, sockets closed.</summary>
    public void End(Guid contactId, string reason)
    {
        var now = _time.GetUtcNow();
        Apply(contactId, contact =>
        {
            var ended = contact.Ended(now, reason);
            if (contact.Chat is not { Ended: false } chat)
            {
                // A chat never started records its end when it is first looked at (Start).
                return ended is null ? null : new ContactEdit(ended, []);
            }

            // A chat that ended by itself before anyone noticed ended at its deadline, not now.
            var endedAt = (ended ?? contact).EndedAt(now) ?? now;
            return new ContactEdit((ended ?? contact).WithChat(chat with { Ended = true }), [NewEvent(ChatEvents.Ended, null, endedAt)]);
        });
    }

    /// <summary>
    /// The contact with its chat started: the customer joined and the initial message in, made on first use (most
    /// contacts of a load test never reach the Participant Service, and StartChatContact should not pay for what
    /// they never use). A chat first looked at after its end only records the end.
    /// </summary>
    public ChatContact Start(ChatContact contact)
    {
        if (contact.Chat is not null)
        {
            return contact;
        }

        var now = _time.GetUtcNow();
        var change = Apply(contact.ContactId, current => current.Chat is not null ? null : StartEdit(current, now)) ?? throw AccessDenied();
        if (change.Posted.Count > 0 && change.Contact.Chat is { Ended: false })
        {
            ChatStarted?.Invoke(contact.ContactId);
        }

        return change.Contact;
    }

    /// <summary>Posts an item to an active chat; Repeated when a ClientToken the participant used before returned its earlier item.</summary>
    public (ChatItem Item, bool Repeated) Post(Guid contactId, ChatItem item, ClientTokenUse? clientToken = null)
    {
        var change = Apply(contactId, contact => contact.Chat is { Ended: false } ? ContactEdit.Post(item, clientToken) : null);

        // Gone from the store meanwhile, or ended: the chat is over for its participants too.
        return change is { Posted: [var posted, ..] } ? (posted, change.Repeated) : throw AccessDenied();
    }

    /// <summary>Posts items to an active chat in one change, in order (a streamed reply); AccessDeniedException when it is over.</summary>
    public IReadOnlyList<ChatItem> Post(Guid contactId, IReadOnlyList<ChatItem> items)
    {
        var change = Apply(contactId, contact => contact.Chat is { Ended: false } ? new ContactEdit(null, items) : null);
        return change?.Posted ?? throw AccessDenied();
    }

    /// <summary>
    /// Adds the participant <paramref name="create"/> makes, unless one of its role is in the chat already. An agent
    /// who joins disconnects the custom participant, as Amazon Connect's guide to custom participants says.
    /// </summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="role">The role of the participant who joins.</param>
    /// <param name="create">Makes the participant.</param>
    /// <param name="record">What else the contact records in the same change when the participant joins (its AgentInfo).</param>
    public ChatMember JoinUnlessPresent(Guid contactId, string role, Func<ChatMember> create, Func<ChatContact, DateTimeOffset, ChatContact>? record = null)
    {
        var now = _time.GetUtcNow();
        var change = Apply(contactId, contact =>
        {
            if (contact.Chat is not { Ended: false } chat || chat.Present(role) is not null)
            {
                return null;
            }

            List<ChatItem> items = [];
            if (role == ParticipantRoles.Agent && chat.Present(ParticipantRoles.CustomBot) is { } bot)
            {
                chat = chat.With(bot with { Left = true });
                if (bot.Joined)
                {
                    items.Add(NewEvent(ChatEvents.Left, bot.Info, now));
                }
            }

            var member = create();
            items.Add(NewEvent(ChatEvents.Joined, member.Info, now));
            return new ContactEdit((record?.Invoke(contact, now) ?? contact).WithChat(chat.With(member)), items);
        });
        return change?.Contact.Chat?.Present(role) ?? throw AccessDenied();
    }

    /// <summary>
    /// CreateParticipant: adds a custom bot to the contact's active chat, or returns the one that an earlier call with
    /// the same ClientToken added to this contact. It joins (participant.joined) at its first
    /// CreateParticipantConnection, which must come within <see cref="AddedParticipantConnectWindow"/>.
    /// </summary>
    public AddedParticipant AddCustomBot(ChatContact contact, string displayName, string? clientToken)
    {
        contact = Start(contact);
        var now = _time.GetUtcNow();
        var candidate = new ChatMember(SecureRandom.NewGuid(), displayName, ParticipantRoles.CustomBot)
        {
            Secret = ChatTokens.ParticipantSecret.New(),
            ClientToken = clientToken,
            AddedAt = now,
            Joined = false,
        };
        var change = Apply(contact.ContactId, current => AddCustomBotEdit(current, candidate, now))
            ?? throw AwsErrors.ResourceNotFound(ChatService.ContactNotFoundMessage);
        var added = change.Contact.Chat?.Members.FirstOrDefault(m => clientToken is null ? m.Id == candidate.Id : m.ClientToken == clientToken);
        return added is { Secret: { } secret }
            ? new AddedParticipant(change.Contact, added, ChatTokens.ParticipantToken(contact.ContactId, added.Id, secret), change.Contact.ExpiresAt)
            : throw AwsErrors.ResourceNotFound(ChatService.ContactNotFoundMessage);
    }

    public static string NewItemId() => SecureRandom.NewGuid().ToString();

    public static ChatItem NewEvent(string contentType, ChatParticipantInfo? from, DateTimeOffset at) =>
        new(NewItemId(), ChatEvents.Event, contentType, null, at, from, null);

    /// <summary>
    /// The decision of CreateParticipant, by the rules of Amazon Connect's guide to custom participants: not after the
    /// chat's end, not while an agent is present, and one custom participant at a time (one that never connected within
    /// its window no longer counts: it is let go without a word, as it never joined).
    /// </summary>
    private static ContactEdit? AddCustomBotEdit(ChatContact contact, ChatMember bot, DateTimeOffset now)
    {
        if (contact.Chat is { } started && bot.ClientToken is { } token && started.Members.Any(m => m.ClientToken == token))
        {
            return null;
        }

        if (contact.Chat is not { Ended: false } chat || contact.StateAt(now) == ContactState.Ended)
        {
            throw AwsErrors.Of(AwsErrors.InvalidRequestName, "The contact has ended: participants can be added to an active chat only.");
        }

        if (chat.Present(ParticipantRoles.Agent) is not null)
        {
            throw AwsErrors.Of(AwsErrors.InvalidRequestName, "A custom participant cannot be added to a chat when an agent is present on the contact.");
        }

        if (chat.Present(ParticipantRoles.CustomBot) is { } present)
        {
            if (present.Joined || now < present.AddedAt + AddedParticipantConnectWindow)
            {
                throw AwsErrors.Of(AwsErrors.ServiceQuotaExceededName, "Only one custom participant can be present on a contact.");
            }

            chat = chat.With(present with { Left = true });
        }

        return new ContactEdit(contact.WithChat(chat.With(bot)), []);
    }

    /// <summary>
    /// A participant that CreateParticipant added joins the chat at its first connection, within
    /// <see cref="AddedParticipantConnectWindow"/> of being added: that is when participant.joined is posted.
    /// </summary>
    private (ChatContact, ChatMember) JoinOnFirstConnection(ChatContact contact, ChatMember added, DateTimeOffset now)
    {
        if (now >= added.AddedAt + AddedParticipantConnectWindow)
        {
            throw AwsErrors.ResourceNotFound(
                $"The participant was not connected within {AddedParticipantConnectWindow.TotalSeconds:0} seconds of CreateParticipant; add one again.");
        }

        var change = Apply(contact.ContactId, current =>
            current.Chat is { Ended: false } chat && chat.Member(added.Id) is { Left: false, Joined: false } pending
                ? new ContactEdit(current.WithChat(chat.With(pending with { Joined = true })), [NewEvent(ChatEvents.Joined, pending.Info, now)])
                : null);
        return change?.Contact.Chat?.Member(added.Id) is { Left: false } joined ? (change.Contact, joined) : throw AccessDenied();
    }

    private static ContactEdit StartEdit(ChatContact contact, DateTimeOffset now)
    {
        var customer = new ChatMember(contact.ParticipantId, contact.Request.DisplayName, ParticipantRoles.Customer);
        List<ChatItem> items = [NewEvent(ChatEvents.Joined, customer.Info, contact.InitiatedAt)];
        if (contact.Request.InitialMessage is { } message)
        {
            items.Add(new ChatItem(NewItemId(), ChatEvents.Message, message.ContentType, message.Content, contact.InitiatedAt, customer.Info, null));
        }

        var endedAt = contact.EndedAt(now);
        if (endedAt is not null)
        {
            items.Add(NewEvent(ChatEvents.Ended, null, endedAt.Value));
        }

        return new ContactEdit(contact.WithChat(new ChatState([customer], Ended: endedAt is not null)), items);
    }

    /// <summary>
    /// Changes a contact through the store and delivers what it posted to the chat's sockets, under the chat's lock:
    /// every socket of a chat sees its items in the order the store kept them. A shared store's changes are delivered
    /// when its feed brings them back (<see cref="Heard"/>), as another server's are.
    /// </summary>
    public ChatChange? Apply(Guid contactId, Func<ChatContact, ContactEdit?> decide)
    {
        lock (LockOf(contactId))
        {
            var change = _store.Change(contactId, decide);
            if (change is null || change.Repeated || _shared)
            {
                return change;
            }

            Follow(contactId, change);
            return change;
        }
    }

    /// <summary>
    /// A change of a shared store, made by any server, as the store's feed brings it: each chat's in the order the store
    /// made them, once each. Its chat's sockets hear it, its deadline and timers follow it, under the chat's lock.
    /// </summary>
    private void Heard(ChatChange change)
    {
        lock (LockOf(change.Contact.ContactId))
        {
            Follow(change.Contact.ContactId, change);
        }
    }

    /// <summary>What follows a change, under the chat's lock: its deadline, its sockets, then <see cref="Changed"/>'s listeners.</summary>
    private void Follow(Guid contactId, ChatChange change)
    {
        if (change.Contact.Chat is { Ended: false })
        {
            _deadlines.Set(contactId, change.Contact.EndsBy);
        }
        else
        {
            _deadlines.Clear(contactId);
        }

        Deliver(contactId, change);
        Changed?.Invoke(change);
    }

    /// <summary>Delivers what a change posted to the chat's sockets, and closes those the change ended. Under the chat's lock.</summary>
    private void Deliver(Guid contactId, ChatChange change)
    {
        if (!_live.TryGetValue(contactId, out var live))
        {
            return;
        }

        // Every message comes through here: indexed loops, without LINQ's iterators or boxed enumerators.
        var posted = change.Posted;
        for (var i = 0; i < posted.Count; i++)
        {
            var item = posted[i];
            live.Deliver(new ChatDelivery(item, contactId));
            live.RehydrationHeard |= item.ContentType == ChatEvents.Rehydrated && live.HasSubscribedItems;
        }

        if (change.Contact.Chat is not { } chat)
        {
            return;
        }

        if (chat.Ended)
        {
            live.Complete(SubscriptionEnd.ChatEnded);
            _live.TryRemove(contactId, out _);
            return;
        }

        for (var i = 0; i < chat.Members.Count; i++)
        {
            if (chat.Members[i].Left)
            {
                live.Complete(SubscriptionEnd.ParticipantLeft, chat.Members[i].Id);
            }
        }
    }

    /// <summary>Contacts that left the store (evicted, reset): their sockets hear chat.ended and close.</summary>
    private void Forget(IReadOnlyList<Guid> contactIds)
    {
        var now = _time.GetUtcNow();
        foreach (var contactId in contactIds)
        {
            _deadlines.Clear(contactId);
            lock (LockOf(contactId))
            {
                if (_live.TryRemove(contactId, out var live))
                {
                    live.Deliver(new ChatDelivery(NewEvent(ChatEvents.Ended, null, now), contactId));
                    live.Complete(SubscriptionEnd.ChatEnded);
                }
            }
        }
    }

    /// <summary>A chat's deadline came: it ends by itself now, unless it ended meanwhile or its deadline moved.</summary>
    private void DeadlineReached(Guid contactId)
    {
        var now = _time.GetUtcNow();
        switch (_store.Find(contactId))
        {
            case { Chat.Ended: false } contact when contact.StateAt(now) == ContactState.Ended:
                LogExpired(contactId);
                End(contactId, contact.DisconnectReason(now)!);
                break;
            case { Chat.Ended: false } contact:
                _deadlines.Set(contactId, contact.EndsBy);
                break;
            default:
                _deadlines.Clear(contactId);
                break;
        }
    }

    private (ChatContact, ChatMember)? ActiveParticipant((Guid ContactId, Guid ParticipantId)? ids, DateTimeOffset now)
    {
        if (ids is not { } id || _store.Find(id.ContactId) is not { } found)
        {
            return null;
        }

        var contact = Start(found);
        if (contact.StateAt(now) == ContactState.Ended)
        {
            if (contact.Chat is { Ended: false })
            {
                LogExpired(contact.ContactId);
                End(contact.ContactId, contact.DisconnectReason(now)!);
            }

            return null;
        }

        return contact.Chat?.Member(id.ParticipantId) is { Left: false } member ? (contact, member) : null;
    }

    /// <summary>The lock a chat's changes are made and delivered under; reentrant, so a change may follow a change.</summary>
    public Lock LockOf(Guid contactId) => _locks[(contactId.GetHashCode() & int.MaxValue) % ChatLocks];

    private static string? ReceiptMessageId(string? content)
    {
        if (content is null)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(content);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("messageId", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static AwsServiceException AccessDenied() => AwsErrors.Of(AwsErrors.AccessDeniedName, AccessDeniedMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ContactId} reached the end of its duration")]
    private partial void LogExpired(Guid contactId);
}
