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
    public const string Invited = "application/vnd.amazonaws.connect.event.participant.invited";
    public const string Joined = "application/vnd.amazonaws.connect.event.participant.joined";
    public const string Left = "application/vnd.amazonaws.connect.event.participant.left";
    public const string Ended = "application/vnd.amazonaws.connect.event.chat.ended";
    public const string TransferSucceeded = "application/vnd.amazonaws.connect.event.transfer.succeeded";
    public const string TransferFailed = "application/vnd.amazonaws.connect.event.transfer.failed";
    public const string Metadata = "application/vnd.amazonaws.connect.event.message.metadata";

    // The chat timers' events (docs/chat-timers.md): chatjs's onParticipantIdle, onParticipantReturned and
    // onAutoDisconnection. "These events are not persisted to the transcripts", as Connect's guide to chat timeouts says.
    public const string Idle = "application/vnd.amazonaws.connect.event.participant.idle";
    public const string Returned = "application/vnd.amazonaws.connect.event.participant.returned";
    public const string AutoDisconnection = "application/vnd.amazonaws.connect.event.participant.autodisconnection";

    /// <summary>
    /// The event types SendEvent's documentation lists. SendEvent itself takes any ContentType of 1 to 100
    /// characters, as its model does; the simulated agent of the control plane signals only these.
    /// </summary>
    public static readonly IReadOnlyList<string> Documented = [Typing, Delivered, Read, ConnectionAcknowledged];

    /// <summary>
    /// The event types a transcript keeps, exactly those GetTranscript's documentation lists ("chat transcripts contain
    /// the following event content types if the event has occurred during the chat session"); every other event is
    /// delivered on the sockets only.
    /// </summary>
    public static bool IsKeptInTranscript(string contentType) =>
        contentType is Invited or Joined or Left or Ended or TransferSucceeded or TransferFailed

            // Not in that list, but kept: a chat started persistent has no socket open when its past is copied in,
            // and the transcript is where chatjs and a test see where the past ends (docs/persistent-chat.md).
            or Rehydrated;

    /// <summary>A persistent chat's past items are in its transcript (chatjs's onChatRehydrated).</summary>
    public const string Rehydrated = "application/vnd.amazonaws.connect.event.chat.rehydrated";
}
