using ConnectMock.Contacts;

namespace ConnectMock.ControlPlane;

/// <summary>A contact in a list: no participant token. Its display name is the customer's; its last activity the latest of its last change and its chat's last kept item.</summary>
internal sealed record ContactSummary(
    string ContactId,
    string ParticipantId,
    string InstanceId,
    string ContactFlowId,
    string? ClientToken,
    string State,
    DateTimeOffset InitiatedAt,
    DateTimeOffset ExpiresAt,
    string? ContinuedFromContactId,
    string DisplayName,
    DateTimeOffset LastActivityAt)
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
        contact.ContinuedFromContactId,
        contact.Request.DisplayName,
        LastActivity(contact, null, now));

    /// <summary>This summary with the time of the chat's last kept item, which the store keeps apart from the contact.</summary>
    public ContactSummary WithLastItemAt(DateTimeOffset? lastItemAt) =>
        lastItemAt is { } at && at > LastActivityAt ? this with { LastActivityAt = at } : this;

    public static string StateName(ContactState state) => state == ContactState.Active ? "ACTIVE" : "ENDED";

    private static DateTimeOffset LastActivity(ChatContact contact, DateTimeOffset? lastItemAt, DateTimeOffset now)
    {
        var last = contact.LastUpdatedAt;
        if (contact.EndedAt(now) is { } ended && ended > last)
        {
            last = ended;
        }

        return lastItemAt is { } at && at > last ? at : last;
    }
}
