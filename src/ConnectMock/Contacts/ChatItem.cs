namespace ConnectMock.Contacts;

/// <summary>One item of a chat as the Participant Service shows it, in transcripts and over the WebSocket.</summary>
internal sealed record ChatItem(
    string Id,
    string Type,
    string ContentType,
    string? Content,
    DateTimeOffset AbsoluteTime,
    ChatParticipantInfo? Participant,
    MessageReceipts? Receipts)
{
    /// <summary>The item's place in its chat, counting from 1; set when the transcript keeps it, 0 before.</summary>
    public long Sequence { get; init; }

    /// <summary>
    /// Items that are pushed but not kept: typing, and the MESSAGEMETADATA item that announces a receipt (the
    /// transcript shows receipts in the MessageMetadata of the message they are for, as the model does).
    /// </summary>
    public bool IsTransient => ContentType == ChatEvents.Typing || Type == ChatEvents.MessageMetadata;

    public long EstimatedBytes =>
        160 + (2L * (Content?.Length ?? 0)) + (2L * ContentType.Length) + (Receipts?.Receipts.Count * 64L ?? 0);
}

/// <summary>
/// Receipts of one message: all of them on a message item, or the one just given on a MESSAGEMETADATA item.
/// </summary>
internal sealed record MessageReceipts(string MessageId, IReadOnlyList<ReceiptInfo> Receipts);

/// <summary>Who an item is from.</summary>
internal sealed record ChatParticipantInfo(Guid Id, string DisplayName, string Role);

/// <summary>What one participant has done with a message: received it, read it, when.</summary>
internal sealed record ReceiptInfo(Guid RecipientParticipantId, DateTimeOffset? DeliveredAt, DateTimeOffset? ReadAt)
{
    /// <summary>This receipt with a later one of the same participant: each timestamp kept once set.</summary>
    public ReceiptInfo With(ReceiptInfo later) => this with { DeliveredAt = DeliveredAt ?? later.DeliveredAt, ReadAt = ReadAt ?? later.ReadAt };
}

/// <summary>Item types, and the content types of events, of the Participant Service.</summary>
internal static class ChatEvents
{
    public const string Message = "MESSAGE";
    public const string Event = "EVENT";
    public const string MessageMetadata = "MESSAGEMETADATA";

    public const string Typing = "application/vnd.amazonaws.connect.event.typing";
    public const string Delivered = "application/vnd.amazonaws.connect.event.message.delivered";
    public const string Read = "application/vnd.amazonaws.connect.event.message.read";
    public const string ConnectionAcknowledged = "application/vnd.amazonaws.connect.event.connection.acknowledged";
    public const string Joined = "application/vnd.amazonaws.connect.event.participant.joined";
    public const string Left = "application/vnd.amazonaws.connect.event.participant.left";
    public const string Ended = "application/vnd.amazonaws.connect.event.chat.ended";
    public const string Metadata = "application/vnd.amazonaws.connect.event.message.metadata";

    /// <summary>What SendEvent accepts.</summary>
    public static readonly IReadOnlyList<string> Events = [Typing, Delivered, Read, ConnectionAcknowledged];
}

/// <summary>Participant roles as the Participant Service spells them.</summary>
internal static class ParticipantRoles
{
    public const string Customer = "CUSTOMER";
    public const string Agent = "AGENT";
    public const string System = "SYSTEM";
}
