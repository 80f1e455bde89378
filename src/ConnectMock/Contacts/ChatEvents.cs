namespace ConnectMock.Contacts;

/// <summary>Item types, and the content types of events, of the Participant Service.</summary>
internal static class ChatEvents
{
    public const string Message = "MESSAGE";
    public const string Event = "EVENT";
    public const string MessageMetadata = "MESSAGEMETADATA";
    public const string Attachment = "ATTACHMENT";

    public const string Typing = "application/vnd.amazonaws.connect.event.typing";
    public const string Delivered = "application/vnd.amazonaws.connect.event.message.delivered";
    public const string Read = "application/vnd.amazonaws.connect.event.message.read";
    public const string ConnectionAcknowledged = "application/vnd.amazonaws.connect.event.connection.acknowledged";
    public const string Joined = "application/vnd.amazonaws.connect.event.participant.joined";
    public const string Left = "application/vnd.amazonaws.connect.event.participant.left";
    public const string Ended = "application/vnd.amazonaws.connect.event.chat.ended";
    public const string Metadata = "application/vnd.amazonaws.connect.event.message.metadata";

    /// <summary>A persistent chat's past items are in its transcript (chatjs's onChatRehydrated).</summary>
    public const string Rehydrated = "application/vnd.amazonaws.connect.event.chat.rehydrated";

    /// <summary>What SendEvent accepts.</summary>
    public static readonly IReadOnlyList<string> Events = [Typing, Delivered, Read, ConnectionAcknowledged];
}
