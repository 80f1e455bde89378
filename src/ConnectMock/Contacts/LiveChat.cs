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

    // The collections here are arrays of exactly their length, replaced on change: a chat holds one or two of each,
    // where a list would keep its own object and room for four for every open chat.
    private IChatSubscriber[] _subscribers = [];

    // Each used URL by its expiry, which names it (ChatSessions.UseWebSocketUrl): a few dozen bytes, not its token.
    private (Guid Participant, long UrlExpiryMs, DateTimeOffset ForgetAt)[] _usedWebSocketUrls = [];

    // One entry per participant that asked for a URL, a chat's two or three: an array, not a dictionary per chat.
    private (Guid Participant, long ExpiryMs)[] _lastWebSocketExpiries = [];

    public bool HasSubscribers => _subscribers.Length > 0;

    /// <summary>Whether a subscriber takes the chat's items now (its client subscribed to them).</summary>
    public bool HasSubscribedItems => Array.Exists(_subscribers, s => s.TakesItems);

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
        var own = Array.FindAll(_subscribers, s => s.ParticipantId == subscriber.ParticipantId);
        foreach (var oldest in own.Take(own.Length - maxPerParticipant + 1))
        {
            oldest.Complete(SubscriptionEnd.Replaced);
            Unsubscribe(oldest);
        }

        _subscribers = [.. _subscribers, subscriber];
    }

    public void Unsubscribe(IChatSubscriber subscriber)
    {
        if (Array.IndexOf(_subscribers, subscriber) >= 0)
        {
            _subscribers = Array.FindAll(_subscribers, s => s != subscriber);
        }
    }

    /// <summary>Completes the subscribers of one participant (<paramref name="participantId"/>), or of everyone.</summary>
    public void Complete(SubscriptionEnd why, Guid? participantId = null)
    {
        foreach (var subscriber in Array.FindAll(_subscribers, s => participantId is null || s.ParticipantId == participantId))
        {
            subscriber.Complete(why);
            Unsubscribe(subscriber);
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
        if (Array.Exists(_usedWebSocketUrls, u => u.ForgetAt <= now))
        {
            _usedWebSocketUrls = Array.FindAll(_usedWebSocketUrls, u => u.ForgetAt > now);
        }

        var own = Array.FindAll(_usedWebSocketUrls, u => u.Participant == participantId);
        if (Array.Exists(own, u => u.UrlExpiryMs == urlExpiryMs))
        {
            return false;
        }

        if (own.Length >= MaxWebSocketUrlsInLifetime)
        {
            return null;
        }

        _usedWebSocketUrls = [.. _usedWebSocketUrls, (participantId, urlExpiryMs, now + urlLifetime)];
        return true;
    }
}
