namespace ConnectMock.Testing;

/// <summary>What the contact store holds against its bounds.</summary>
public sealed record StoreUsage(int Contacts, int MaxContacts, long Bytes, long MaxBytes, long RecordBytes);
