using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnectMock.Testing;

/// <summary>An item of a chat's transcript, with the Participant Service's member names; the rest in <see cref="Other"/>.</summary>
public sealed record TranscriptItem(
    string Id,
    string Type,
    string AbsoluteTime,
    string? ContentType,
    string? Content,
    string? ParticipantId,
    string? DisplayName,
    string? ParticipantRole)
{
    /// <summary>Members not named above (MessageMetadata, Attachments, ContactId...), as sent.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}
