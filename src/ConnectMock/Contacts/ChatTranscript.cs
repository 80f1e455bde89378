namespace ConnectMock.Contacts;

/// <summary>
/// What GetTranscript reads: the chat's contact, the contact of the chain the items are of (the chat's own, or a past
/// contact a persistent chat continues), and those items, oldest first.
/// </summary>
internal sealed record ChatTranscript(Guid ContactId, Guid Of, IReadOnlyList<ChatItem> Items);
