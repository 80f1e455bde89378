namespace ConnectMock.Contacts;

/// <summary>
/// What a contact store holds against its bounds: contacts beyond <see cref="MaxContacts"/>, or an estimate in
/// bytes beyond <see cref="MaxBytes"/>, evict the oldest. <see cref="RecordBytes"/> is what the stored requests
/// themselves take (for the in-memory store, the arena's chunks; it counts against the budget too).
/// </summary>
internal sealed record ContactStoreUsage(int Contacts, int MaxContacts, long Bytes, long MaxBytes, long RecordBytes);
