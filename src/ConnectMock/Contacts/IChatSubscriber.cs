namespace ConnectMock.Contacts;

/// <summary>Receives the items of a chat as they happen: an open WebSocket, for instance.</summary>
internal interface IChatSubscriber
{
    Guid ParticipantId { get; }

    /// <summary>Whether its client subscribed to the chat's items; items delivered before are dropped.</summary>
    bool TakesItems { get; }

    /// <summary>
    /// Must not block: it is called under the chat's lock, so that every subscriber of a chat sees one order.
    /// Subscribers of one chat share each <see cref="ChatDelivery"/>, so an item is rendered once, not once per socket.
    /// </summary>
    void Deliver(ChatDelivery delivery);

    /// <summary>The chat has ended, the participant has left, or a newer connection replaced this one: finish up.</summary>
    void Complete(SubscriptionEnd why);
}
