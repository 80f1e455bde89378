namespace ConnectMock.Contacts;

/// <summary>
/// What this server holds open for one chat, apart from what the store keeps: the subscribers its items go to (open
/// WebSockets), the WebSocket URLs its participants have used, and the expiry of the last URL each was given. Made
/// when a participant first connects; gone when the chat ends or leaves the store. Not thread-safe:
/// <see cref="ChatSessions"/> guards it with the chat's lock.
/// </summary>
internal sealed class LiveChat
{
    /// <summary>
    /// WebSocket URLs one participant may use within a URL's lifetime; each is remembered that long, so that it opens
    /// one socket only. chatjs asks for a new URL for every connection it makes.
    /// </summary>
    public const int MaxWebSocketUrlsInLifetime = 32;

    private readonly List<IChatSubscriber> _subscribers = [];

    // Each used URL by its expiry, which names it (ChatSessions.UseWebSocketUrl): a few dozen bytes, not its token.
    private readonly List<(Guid Participant, long UrlExpiryMs, DateTimeOffset ForgetAt)> _usedWebSocketUrls = [];

    // One entry per participant that asked for a URL, a chat's two or three: an array, not a dictionary per chat.
    private (Guid Participant, long ExpiryMs)[] _lastWebSocketExpiries = [];

    public bool HasSubscribers => _subscribers.Count > 0;

    /// <summary>Whether a subscriber takes the chat's items now (its client subscribed to them).</summary>
    public bool HasSubscribedItems => _subscribers.Any(s => s.TakesItems);

    /// <summary>Whether a subscriber of this chat has been sent its chat.rehydrated (a persistent chat's).</summary>
    public bool RehydrationHeard { get; set; }

    public void Deliver(ChatDelivery delivery)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Deliver(delivery);
        }
    }

    /// <summary>Adds a subscriber; beyond <paramref name="maxPerParticipant"/> the participant's oldest one is replaced.</summary>
    public void Subscribe(IChatSubscriber subscriber, int maxPerParticipant)
    {
        var own = _subscribers.Where(s => s.ParticipantId == subscriber.ParticipantId).ToList();
        foreach (var oldest in own.Take(own.Count - maxPerParticipant + 1))
        {
            oldest.Complete(SubscriptionEnd.Replaced);
            _subscribers.Remove(oldest);
        }

        _subscribers.Add(subscriber);
    }

    public void Unsubscribe(IChatSubscriber subscriber) => _subscribers.Remove(subscriber);

    /// <summary>Completes the subscribers of one participant (<paramref name="participantId"/>), or of everyone.</summary>
    public void Complete(SubscriptionEnd why, Guid? participantId = null)
    {
        foreach (var subscriber in _subscribers.Where(s => participantId is null || s.ParticipantId == participantId).ToList())
        {
            subscriber.Complete(why);
            _subscribers.Remove(subscriber);
        }
    }

    /// <summary>
    /// The expiry of a new WebSocket URL, at or just after <paramref name="expiry"/>: never that of an earlier URL of
    /// the participant, so that two URLs asked for within one millisecond still differ (each opens one socket).
    /// </summary>
    public DateTimeOffset NewWebSocketExpiry(Guid participantId, DateTimeOffset expiry)
    {
        var index = Array.FindIndex(_lastWebSocketExpiries, e => e.Participant == participantId);
        var next = Math.Max(expiry.ToUnixTimeMilliseconds(), index < 0 ? 1 : _lastWebSocketExpiries[index].ExpiryMs + 1);
        if (index < 0)
        {
            index = _lastWebSocketExpiries.Length;
            Array.Resize(ref _lastWebSocketExpiries, index + 1);
        }

        _lastWebSocketExpiries[index] = (participantId, next);
        return DateTimeOffset.FromUnixTimeMilliseconds(next);
    }

    /// <summary>
    /// Spends a participant's WebSocket URL, named by its expiry: true the first time, false when it was used
    /// already. Null when the participant has used <see cref="MaxWebSocketUrlsInLifetime"/> URLs within one URL lifetime.
    /// </summary>
    public bool? TryUseWebSocketUrl(Guid participantId, long urlExpiryMs, DateTimeOffset now, TimeSpan urlLifetime)
    {
        // A URL lives no longer than its lifetime from now: past that, a used one no longer needs remembering.
        _usedWebSocketUrls.RemoveAll(u => u.ForgetAt <= now);
        var own = _usedWebSocketUrls.Where(u => u.Participant == participantId).ToList();
        if (own.Exists(u => u.UrlExpiryMs == urlExpiryMs))
        {
            return false;
        }

        if (own.Count >= MaxWebSocketUrlsInLifetime)
        {
            return null;
        }

        _usedWebSocketUrls.Add((participantId, urlExpiryMs, now + urlLifetime));
        return true;
    }
}
