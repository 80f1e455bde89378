
namespace ConnectMock.Contacts;

/// <summary>Receives the items of a chat as they happen: an open WebSocket, for instance.</summary>
internal interface IChatSubscriber
{
    Guid ParticipantId { get; }

    /// <summary>
    /// Must not block: it is called under the chat's lock (and the store's), so that every subscriber sees one order.
    /// Subscribers of one chat share each <see cref="ChatDelivery"/>, so an item is rendered once, not once per socket.
    /// </summary>
    void Deliver(ChatDelivery delivery);

    /// <summary>The chat has ended, the participant has left, or a newer connection replaced this one: finish up.</summary>
    void Complete(SubscriptionEnd why);
}

/// <summary>Why a chat stopped delivering to a subscriber.</summary>
internal enum SubscriptionEnd
{
    ChatEnded,
    ParticipantLeft,
    Replaced,
}

/// <summary>One item on its way to every subscriber of a chat, rendered at most once.</summary>
internal sealed class ChatDelivery(ChatItem item, Guid contactId)
{
    private byte[]? _rendered;

    public ChatItem Item { get; } = item;

    public Guid ContactId { get; } = contactId;

    public byte[] Rendered(Func<ChatDelivery, byte[]> render) => _rendered ??= render(this);
}

/// <summary>A participant of a chat: the customer from the start, an agent or the bot later.</summary>
internal sealed class ChatMember(Guid id, string displayName, string role)
{
    public Guid Id { get; } = id;

    public string DisplayName { get; } = displayName;

    public string Role { get; } = role;

    private long _lastWebSocketExpiryMs;

    public bool Left { get; internal set; }

    /// <summary>
    /// The expiry of a new WebSocket URL, at or just after <paramref name="expiry"/>: never that of an earlier URL,
    /// so that two URLs asked for within one millisecond still differ (each opens one socket).
    /// </summary>
    public DateTimeOffset NewWebSocketExpiry(DateTimeOffset expiry)
    {
        var wanted = expiry.ToUnixTimeMilliseconds();
        long last, next;
        do
        {
            last = Interlocked.Read(ref _lastWebSocketExpiryMs);
            next = Math.Max(wanted, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastWebSocketExpiryMs, next, last) != last);

        return DateTimeOffset.FromUnixTimeMilliseconds(next);
    }

    public ChatParticipantInfo Info => new(Id, DisplayName, Role);
}

/// <summary>
/// What happens in one chat after its start: participants, the transcript and who listens. Everything changes
/// under one lock, and items reach subscribers under it too, so all of them see the same order. Everything a chat
/// keeps is bounded: the transcript, the remembered ClientTokens, the sockets per participant.
/// </summary>
internal sealed class ChatSession
{
    /// <summary>
    /// WebSocket URLs one participant may use within a URL's lifetime; each is remembered that long, so that it opens
    /// one socket only. chatjs asks for a new URL for every connection it makes.
    /// </summary>
    public const int MaxWebSocketUrlsInLifetime = 32;

    private const int MaxRememberedClientTokens = 1000;

    private readonly Lock _gate = new();
    private readonly List<ChatMember> _members = [];
    private readonly List<ChatItem> _transcript = [];
    private readonly List<IChatSubscriber> _subscribers = [];
    private readonly Dictionary<(Guid, string), ChatItem> _sentByClientToken = [];
    private readonly Queue<(Guid Participant, string Token)> _clientTokensOldestFirst = new();
    private readonly List<(Guid Participant, string Url, DateTimeOffset ForgetAt)> _usedWebSocketUrls = [];
    private readonly int _maxItems;
    private readonly int _maxClientTokens;
    private long _sequence;
    private bool _ended;

    public ChatSession(ChatContact contact, int maxItems)
    {
        Contact = contact;
        _maxItems = maxItems;
        _maxClientTokens = Math.Min(MaxRememberedClientTokens, maxItems);
        var customer = new ChatMember(contact.ParticipantId, contact.Request.DisplayName, ParticipantRoles.Customer);
        _members.Add(customer);
        Add(NewEvent(ChatEvents.Joined, customer.Info, contact.InitiatedAt));
        if (contact.Request.InitialMessage is { } message)
        {
            Add(new ChatItem(NewId(), ChatEvents.Message, message.ContentType, message.Content, contact.InitiatedAt, customer.Info, null));
        }
    }

    public ChatContact Contact { get; }

    public bool Ended
    {
        get
        {
            lock (_gate)
            {
                return _ended;
            }
        }
    }

    public ChatMember? Member(Guid participantId)
    {
        lock (_gate)
        {
            return _members.Find(m => m.Id == participantId);
        }
    }

    public IReadOnlyList<ChatMember> Members
    {
        get
        {
            lock (_gate)
            {
                return [.. _members];
            }
        }
    }

    /// <summary>The kept items, oldest first; their sequence numbers are consecutive.</summary>
    public IReadOnlyList<ChatItem> Transcript
    {
        get
        {
            lock (_gate)
            {
                return [.. _transcript];
            }
        }
    }

    public bool HasSubscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count > 0;
            }
        }
    }

    /// <summary>The bytes this chat keeps, for the store's memory budget.</summary>
    public long EstimatedBytes
    {
        get
        {
            lock (_gate)
            {
                return _transcript.Sum(i => i.EstimatedBytes) + ClientTokenBytes(_sentByClientToken.Keys);
            }
        }
    }

    public static string NewId() => SecureRandom.NewGuid().ToString();

    public static ChatItem NewEvent(string contentType, ChatParticipantInfo? from, DateTimeOffset at) =>
        new(NewId(), ChatEvents.Event, contentType, null, at, from, null);

    public bool HasMessage(string id)
    {
        lock (_gate)
        {
            return _transcript.Exists(i => i.Id == id && i.Type == ChatEvents.Message);
        }
    }

    /// <summary>Adds the participant <paramref name="create"/> makes unless one of its role is present; returns the one in the chat.</summary>
    public (ChatMember Member, long Growth) JoinUnlessPresent(string role, Func<ChatMember> create, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_members.Find(m => m.Role == role && !m.Left) is { } present)
            {
                return (present, 0);
            }

            var member = create();
            _members.Add(member);
            return (member, Publish(NewEvent(ChatEvents.Joined, member.Info, now)));
        }
    }

    /// <summary>
    /// Publishes an item: kept in the transcript unless transient, delivered to every subscriber. With a
    /// ClientToken already used by the same participant, nothing happens and the earlier item is returned instead.
    /// </summary>
    public (ChatItem Item, bool Repeated, long Growth) Post(ChatItem item, string? clientToken = null)
    {
        lock (_gate)
        {
            if (clientToken is not null && item.Participant is { } sender
                && _sentByClientToken.TryGetValue((sender.Id, clientToken), out var earlier))
            {
                return (earlier, true, 0);
            }

            var growth = Publish(item);
            var posted = item.IsTransient ? item : _transcript[^1];
            if (clientToken is not null && item.Participant is { } from)
            {
                // Only what a repeat answers with (id and time, as posted) is remembered, not the content.
                growth += Remember((from.Id, clientToken), posted with { Content = null, Receipts = null });
            }

            return (posted, false, growth);
        }
    }

    /// <summary>A participant leaves; with <paramref name="endsChat"/> the chat ends with it.</summary>
    public long Leave(ChatMember member, DateTimeOffset now, bool endsChat)
    {
        lock (_gate)
        {
            if (member.Left || _ended)
            {
                return 0;
            }

            member.Left = true;
            var growth = Publish(NewEvent(ChatEvents.Left, member.Info, now));
            if (endsChat)
            {
                // The one who left hears chat.ended too: that is what tells chatjs the chat is over (onEnded).
                return growth + EndLocked(now);
            }

            foreach (var subscriber in _subscribers.Where(s => s.ParticipantId == member.Id).ToList())
            {
                subscriber.Complete(SubscriptionEnd.ParticipantLeft);
                _subscribers.Remove(subscriber);
            }

            return growth;
        }
    }

    /// <summary>Ends the chat: announces it and completes every subscriber. Ending twice does nothing.</summary>
    public long End(DateTimeOffset now)
    {
        lock (_gate)
        {
            return EndLocked(now);
        }
    }

    /// <summary>Adds a subscriber; beyond <paramref name="maxPerParticipant"/> the participant's oldest one is replaced.</summary>
    public void Subscribe(IChatSubscriber subscriber, int maxPerParticipant)
    {
        lock (_gate)
        {
            if (_ended)
            {
                subscriber.Complete(SubscriptionEnd.ChatEnded);
                return;
            }

            var own = _subscribers.Where(s => s.ParticipantId == subscriber.ParticipantId).ToList();
            foreach (var oldest in own.Take(own.Count - maxPerParticipant + 1))
            {
                oldest.Complete(SubscriptionEnd.Replaced);
                _subscribers.Remove(oldest);
            }

            _subscribers.Add(subscriber);
        }
    }

    /// <summary>
    /// Spends a participant's WebSocket URL: true the first time, false when it was used already. Null when the
    /// participant has used <see cref="MaxWebSocketUrlsInLifetime"/> URLs within one URL lifetime.
    /// </summary>
    public bool? TryUseWebSocketUrl(Guid participantId, string url, DateTimeOffset now, TimeSpan urlLifetime)
    {
        lock (_gate)
        {
            // A URL lives no longer than its lifetime from now: past that, a used one no longer needs remembering.
            _usedWebSocketUrls.RemoveAll(u => u.ForgetAt <= now);
            var own = _usedWebSocketUrls.Where(u => u.Participant == participantId).ToList();
            if (own.Exists(u => u.Url == url))
            {
                return false;
            }

            if (own.Count >= MaxWebSocketUrlsInLifetime)
            {
                return null;
            }

            _usedWebSocketUrls.Add((participantId, url, now + urlLifetime));
            return true;
        }
    }

    public void Unsubscribe(IChatSubscriber subscriber)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscriber);
        }
    }

    private long EndLocked(DateTimeOffset now)
    {
        if (_ended)
        {
            return 0;
        }

        _ended = true;
        var growth = Publish(NewEvent(ChatEvents.Ended, null, now));
        foreach (var subscriber in _subscribers)
        {
            subscriber.Complete(SubscriptionEnd.ChatEnded);
        }

        _subscribers.Clear();
        return growth;
    }

    private long Publish(ChatItem item)
    {
        long growth = 0;
        if (!item.IsTransient)
        {
            growth = Add(item);
            item = _transcript[^1];
        }
        else if (item.Receipts is { } receipt)
        {
            growth = AttachReceipt(receipt);
        }

        var delivery = new ChatDelivery(item, Contact.ContactId);
        foreach (var subscriber in _subscribers)
        {
            subscriber.Deliver(delivery);
        }

        return growth;
    }

    private long Add(ChatItem item)
    {
        // Times are read before the lock, so a later post can carry an earlier time: the transcript never runs backwards.
        if (_transcript.Count > 0 && item.AbsoluteTime < _transcript[^1].AbsoluteTime)
        {
            item = item with { AbsoluteTime = _transcript[^1].AbsoluteTime };
        }

        _transcript.Add(item with { Sequence = ++_sequence });
        long growth = item.EstimatedBytes;
        if (_transcript.Count > _maxItems)
        {
            growth -= _transcript[0].EstimatedBytes;
            _transcript.RemoveAt(0);
        }

        return growth;
    }

    /// <summary>Records a receipt on the message it is for, one receipt per recipient; the transcript shows it there.</summary>
    private long AttachReceipt(MessageReceipts receipt)
    {
        var index = _transcript.FindIndex(i => i.Id == receipt.MessageId);
        if (index < 0)
        {
            return 0; // Trimmed from the transcript since the receipt was checked: only the push remains.
        }

        var message = _transcript[index];
        var given = receipt.Receipts[0];
        var receipts = message.Receipts?.Receipts.ToList() ?? [];
        var mine = receipts.FindIndex(r => r.RecipientParticipantId == given.RecipientParticipantId);
        if (mine >= 0)
        {
            receipts[mine] = receipts[mine].With(given);
        }
        else
        {
            receipts.Add(given);
        }

        var updated = message with { Receipts = new MessageReceipts(message.Id, receipts) };
        _transcript[index] = updated;
        return updated.EstimatedBytes - message.EstimatedBytes;
    }

    private long Remember((Guid Participant, string Token) key, ChatItem item)
    {
        _sentByClientToken[key] = item;
        _clientTokensOldestFirst.Enqueue(key);
        long growth = ClientTokenBytes([key]);
        if (_clientTokensOldestFirst.Count > _maxClientTokens)
        {
            var forgotten = _clientTokensOldestFirst.Dequeue();
            _sentByClientToken.Remove(forgotten);
            growth -= ClientTokenBytes([forgotten]);
        }

        return growth;
    }

    private static long ClientTokenBytes(IEnumerable<(Guid, string Token)> keys) => keys.Sum(k => 80 + (2L * k.Token.Length));
}
