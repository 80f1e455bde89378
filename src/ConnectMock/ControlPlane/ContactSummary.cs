using ConnectMock.Contacts;

namespace ConnectMock.ControlPlane;

/// <summary>A contact in a list: no participant token.</summary>
internal sealed record ContactSummary(
    string ContactId,
    string ParticipantId,
    string InstanceId,
    string ContactFlowId,
    string? ClientToken,
    string State,
    DateTimeOffset InitiatedAt,
    DateTimeOffset ExpiresAt,
    string? ContinuedFromContactId)
{
    public static ContactSummary From(ChatContact contact, DateTimeOffset now) => new(
        contact.ContactId.ToString(),
        contact.ParticipantId.ToString(),
        contact.Request.InstanceId,
        contact.Request.ContactFlowId,
        contact.Request.ClientToken,
        StateName(contact.StateAt(now)),
        contact.InitiatedAt,
        contact.ExpiresAt,
        contact.ContinuedFromContactId);

    public static string StateName(ContactState state) => state == ContactState.Active ? "ACTIVE" : "ENDED";
}
