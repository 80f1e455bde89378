namespace ConnectMock.Contacts.Attachments;

/// <summary>
/// Attachments kept where every replica reads them (the Redis provider's): the same steps as
/// <see cref="AttachmentStore"/>'s, each atomic across replicas.
/// </summary>
internal interface ISharedAttachments
{
    (Attachment? Attachment, bool Repeated) AddOrGetExisting(Guid contactId, Guid participantId, string? clientToken, int maxPerContact, Func<Attachment> create);

    Attachment? Find(string attachmentId);

    IReadOnlyList<Attachment> OfContact(Guid contactId);

    byte[]? Bytes(string attachmentId);

    (int Attachments, long Bytes) Usage { get; }

    /// <summary>Makes room for <paramref name="size"/> bytes within <paramref name="maxBytes"/>, evicting the oldest; false when reservations take the budget.</summary>
    bool TryReserve(long size, long maxBytes);

    void Unreserve(long size);

    /// <summary>Keeps the bytes, releasing <paramref name="release"/> reserved bytes in the same step; false when the attachment went.</summary>
    bool StoreBytes(string attachmentId, byte[] bytes, long release);

    Attachment? Change(string attachmentId, Func<Attachment, Attachment?> decide);

    void Remove(IReadOnlyList<Guid> contactIds);

    void Clear();
}
