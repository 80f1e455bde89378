namespace ConnectMock.Contacts;

/// <summary>
/// What a decision on a contact asks its store to do, as one step (<see cref="IContactStore.Change"/>): replace the
/// contact with <see cref="Contact"/> (null: keep it as it is) and post <see cref="Items"/> to its chat, in order.
/// <see cref="Rehydrated"/> are a persistent chat's items from past chats: the store puts them before the chat's own
/// items, oldest first, before it posts <see cref="Items"/>.
/// </summary>
internal sealed record ContactEdit(
    ChatContact? Contact, IReadOnlyList<ChatItem> Items, ClientTokenUse? ClientToken = null, IReadOnlyList<ChatItem>? Rehydrated = null)
{
    public static ContactEdit Post(ChatItem item, ClientTokenUse? clientToken = null) => new(null, [item], clientToken);
}
