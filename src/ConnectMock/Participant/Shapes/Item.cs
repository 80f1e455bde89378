using System.Globalization;
using ConnectMock.Contacts;

namespace ConnectMock.Participant;

/// <summary>
/// A transcript item, as GetTranscript returns it and as the WebSocket delivers it. The model's Item has
/// <c>ContactId</c> ("populated only when the item is from the current chat session") and <c>RelatedContactId</c>
/// ("only populated for persistent chats when the item is from the past chat session"); <c>InitialContactId</c> is
/// not in the model's Item but in what the WebSocket delivers, where chatjs keeps only the items of its own chat by
/// it. An item a persistent chat brought from a past chat carries neither: it was not sent in this chat, and a past
/// item is never delivered on the WebSocket.
/// </summary>
internal sealed record Item(
    string AbsoluteTime,
    string? Content,
    string? ContentType,
    string Id,
    string Type,
    string? ParticipantId,
    string? DisplayName,
    string? ParticipantRole,
    MessageMetadata? MessageMetadata,
    string? InitialContactId,
    string? ContactId,
    IReadOnlyList<AttachmentItem>? Attachments,
    string? RelatedContactId)
{
    public static Item From(ChatItem item, Guid contactId)
    {
        var contact = item.RelatedContactId is null ? contactId.ToString() : null;
        return new Item(
            Time(item.AbsoluteTime),
            item.Content,
            item.Type == ChatEvents.Attachment ? null : item.ContentType, // Connect's attachment items carry the type in Attachments only
            item.Id,
            item.Type,
            item.Participant?.Id.ToString(),
            item.Participant?.DisplayName,
            item.Participant?.Role,
            Metadata(item),
            contact,
            contact,
            item.Attachments?.Select(a => new AttachmentItem(a.ContentType, a.AttachmentId, a.AttachmentName, a.Status)).ToList(),
            item.RelatedContactId?.ToString());
    }

    private static MessageMetadata? Metadata(ChatItem item)
    {
        var receipts = item.Receipts?.Receipts.Select(r => new Receipt(
            r.DeliveredAt is { } delivered ? Time(delivered) : null,
            r.ReadAt is { } read ? Time(read) : null,
            r.RecipientParticipantId.ToString())).ToList();
        return (item.Receipts, item.Chunk) switch
        {
            (null, null) => null,
            (_, null) => new MessageMetadata(item.Receipts.MessageId, receipts),
            _ => new MessageMetadata(item.Receipts?.MessageId ?? item.Id, receipts, item.Chunk.Completed, item.Chunk.ChunkNumber),
        };
    }

    /// <summary>
    /// ISO-8601 in UTC with exactly three fractional digits, as the Participant Service writes it: fixed width,
    /// because chatjs orders items by comparing these strings.
    /// </summary>
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
