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

    /// <summary>The file of an <c>ATTACHMENT</c> item; null for every other item.</summary>
    public IReadOnlyList<AttachmentInfo>? Attachments { get; init; }

    /// <summary>
    /// For an item a persistent chat brought from a past chat: the contact it was sent on. Null for the chat's own
    /// items, which the Participant Service marks with the current contact instead.
    /// </summary>
    public Guid? RelatedContactId { get; init; }

    /// <summary>Where this message is in a streamed reply (ResponseMode INCREMENTAL); null for a message sent whole.</summary>
    public MessageChunk? Chunk { get; init; }

    /// <summary>
    /// Items that are pushed but not kept. A transcript keeps messages, attachments and the events GetTranscript's
    /// documentation lists (<see cref="ChatEvents.IsKeptInTranscript"/>); typing, connection.acknowledged, an event
    /// of any other type and the MESSAGEMETADATA item that announces a receipt are pushed only (the transcript shows
    /// receipts in the MessageMetadata of the message they are for, as the model does). Of a streamed reply only the
    /// completed message is kept: its partial chunks are pushed only, as chatjs reassembles them from the socket.
    /// </summary>
    public bool IsTransient => Type switch
    {
        ChatEvents.Message => Chunk is { Completed: false },
        ChatEvents.Attachment => false,
        ChatEvents.Event => !ChatEvents.IsKeptInTranscript(ContentType),
        _ => true,
    };

    /// <summary>This message with a receipt of one recipient recorded: one receipt per recipient, each timestamp kept once set.</summary>
    public ChatItem WithReceipt(ReceiptInfo given)
    {
        var receipts = Receipts?.Receipts.ToList() ?? [];
        var mine = receipts.FindIndex(r => r.RecipientParticipantId == given.RecipientParticipantId);
        if (mine >= 0)
        {
            receipts[mine] = receipts[mine].With(given);
        }
        else
        {
            receipts.Add(given);
        }

        return this with { Receipts = new MessageReceipts(Id, receipts) };
    }
}
