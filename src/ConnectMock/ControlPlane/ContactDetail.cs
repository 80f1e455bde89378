using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConnectMock.Contacts;

namespace ConnectMock.ControlPlane;

/// <summary>
/// One contact with everything the client sent and the secret it was given; its attributes as they are now (those of
/// the start with later updates merged in) and who is or was in its chat (empty until the chat was used).
/// </summary>
internal sealed record ContactDetail(
    string ContactId,
    string ParticipantId,
    string ParticipantToken,
    string InstanceId,
    string ContactFlowId,
    string? ClientToken,
    string State,
    DateTimeOffset InitiatedAt,
    DateTimeOffset ExpiresAt,
    int ChatDurationInMinutes,
    string? ContinuedFromContactId,
    JsonElement Request,
    string DisplayName,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<ParticipantView> Participants,
    DateTimeOffset LastUpdatedAt,
    DateTimeOffset? EndedAt,
    string? DisconnectReason)
{
    public static ContactDetail From(ChatContact contact, DateTimeOffset now) => new(
        contact.ContactId.ToString(),
        contact.ParticipantId.ToString(),
        contact.ParticipantToken,
        contact.Request.InstanceId,
        contact.Request.ContactFlowId,
        contact.Request.ClientToken,
        ContactSummary.StateName(contact.StateAt(now)),
        contact.InitiatedAt,
        contact.ExpiresAt,
        (int)contact.Request.ChatDuration.TotalMinutes,
        contact.ContinuedFromContactId,
        JsonSerializer.SerializeToElement(contact.Request, RequestJson),
        contact.Request.DisplayName,
        contact.Attributes,
        [.. (contact.Chat?.Members ?? []).Select(ParticipantView.From)],
        contact.LastUpdatedAt,
        contact.EndedAt(now),
        contact.DisconnectReason(now));

    // The request as the client sent it, with client text shown as ClientText does: the one part of what the
    // control plane shows that keeps AWS's member names rather than camelCase, because it is what the client sent.
    private static readonly JsonTypeInfo<ChatRequest> RequestJson = (JsonTypeInfo<ChatRequest>)
        ClientTextConverter.Around(ChatRequestJson.Default.Options).GetTypeInfo(typeof(ChatRequest));
}
