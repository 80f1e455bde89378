namespace ConnectMock.Chats;

/// <summary>One item of a chat as the Participant Service shows it, in transcripts and over the WebSocket.</summary>
public sealed record ChatItem(
    string Id,
    string Type,
    string ContentType,
    string? Content,
    DateTimeOffset AbsoluteTime,
    ChatParticipantInfo? Participant,
    ReceiptInfo? Receipt)
{
    /// <summary>Items that are pushed but not kept (typing), as the transcript does not show them.</summary>
    public bool IsTransient => ContentType == ChatEvents.Typing;

    public long EstimatedBytes => 160 + (2L * (Content?.Length ?? 0)) + (2L * ContentType.Length);
}

/// <summary>Who an item is from.</summary>
public sealed record ChatParticipantInfo(Guid Id, string DisplayName, string Role);

/// <summary>A read or delivered receipt: for which message, by whom, when.</summary>
public sealed record ReceiptInfo(string MessageId, Guid RecipientParticipantId, DateTimeOffset? DeliveredAt, DateTimeOffset? ReadAt);

/// <summary>Item types, and the content types of events, of the Participant Service.</summary>
public static class ChatEvents
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
public static class ParticipantRoles
{
    public const string Customer = "CUSTOMER";
    public const string Agent = "AGENT";
    public const string System = "SYSTEM";
}
