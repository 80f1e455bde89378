namespace ConnectMock.Contacts;

/// <summary>
/// What a change did: the contact as it now is, and the items as posted (with their sequence numbers), or, when
/// <see cref="Repeated"/>, the one item an earlier post with the same ClientToken made, and nothing else.
/// </summary>
internal sealed record ChatChange(ChatContact Contact, IReadOnlyList<ChatItem> Posted, bool Repeated = false);
