namespace ConnectMock.Contacts;

/// <summary>What a start did: created a contact, returned an earlier one for its ClientToken, or hit the quota.</summary>
internal enum StartOutcome
{
    Created,
    Replayed,
    QuotaExceeded,
}
