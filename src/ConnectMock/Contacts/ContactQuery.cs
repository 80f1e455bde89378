namespace ConnectMock.Contacts;

/// <summary>
/// A filter over stored contacts. <see cref="Before"/> is a paging cursor: only contacts stored before the one
/// with that sequence number.
/// </summary>
internal sealed record ContactQuery(
    string? InstanceId = null,
    string? ClientToken = null,
    string? ContactFlowId = null,
    long? Before = null,
    int Limit = int.MaxValue)
{
    public bool Matches(ChatContact contact) =>
        (InstanceId is null || contact.Request.InstanceId == InstanceId)
        && (ClientToken is null || contact.Request.ClientToken == ClientToken)
        && (ContactFlowId is null || contact.Request.ContactFlowId == ContactFlowId)
        && (Before is null || contact.Sequence < Before);
}
