namespace ConnectMock.Contacts;

/// <summary>
/// What a decision on a contact asks its store to do, as one step (<see cref="IContactStore.Change"/>): replace the
/// contact with <see cref="Contact"/> (null: keep it as it is) and post <see cref="Items"/> to its chat, in order.
/// </summary>
internal sealed record ContactEdit(ChatContact? Contact, IReadOnlyList<ChatItem> Items, ClientTokenUse? ClientToken = null)
{
    public static ContactEdit Post(ChatItem item, ClientTokenUse? clientToken = null) => new(null, [item], clientToken);
}
