namespace ConnectMock.Contacts;

/// <summary>One item on its way to every subscriber of a chat, rendered at most once.</summary>
internal sealed class ChatDelivery(ChatItem item, Guid contactId)
{
    private byte[]? _rendered;

    public ChatItem Item { get; } = item;

    public Guid ContactId { get; } = contactId;

    public byte[] Rendered(Func<ChatDelivery, byte[]> render) => _rendered ??= render(this);
}
