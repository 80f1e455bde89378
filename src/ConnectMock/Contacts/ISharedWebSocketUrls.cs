namespace ConnectMock.Contacts;

/// <summary>
/// The WebSocket URLs of every replica of one Redis (the Redis provider's): a URL opens one socket in the cluster,
/// whichever replica it reaches, and two URLs handed out by two replicas never share a name. In memory each chat's
/// <see cref="LiveChat"/> keeps them.
/// </summary>
internal interface ISharedWebSocketUrls
{
    /// <summary>
    /// The expiry of a new WebSocket URL of the participant, at or just after <paramref name="expiry"/>, never that of
    /// an earlier one: the expiry names the URL (<see cref="LiveChat.NewWebSocketExpiry"/>).
    /// </summary>
    DateTimeOffset NewExpiry(Guid participantId, DateTimeOffset expiry, TimeSpan urlLifetime);

    /// <summary>
    /// Spends the participant's URL named by <paramref name="urlExpiryMs"/>: true the first time, false when it was
    /// used already; null when the participant has used <paramref name="max"/> URLs within one URL lifetime.
    /// </summary>
    bool? TryUse(Guid participantId, long urlExpiryMs, DateTimeOffset now, TimeSpan urlLifetime, int max);
}
