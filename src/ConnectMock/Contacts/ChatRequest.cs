namespace ConnectMock.Contacts;

/// <summary>
/// What a client asked for when it started a chat: every member it sent, as it sent it, in the shape of the
/// StartChatContact body (same member names and nesting), so that its JSON (<see cref="ChatRequestJson"/>) is the
/// request as sent. A positional record: equality, the stored form and the control plane's view all come from this
/// one list of members, and the collections compare by content (<see cref="ValueMap{T}"/>, <see cref="ValueList{T}"/>).
/// </summary>
internal sealed record ChatRequest(
    string InstanceId,
    string ContactFlowId,
    ChatParticipantDetails ParticipantDetails,
    string? ClientToken,
    ValueMap<string>? Attributes,
    ChatParticipantConfiguration? ParticipantConfiguration,
    ChatMessageContent? InitialMessage,
    int? ChatDurationInMinutes,
    ValueList<string>? SupportedMessagingContentTypes,
    PersistentChatSource? PersistentChat,
    string? RelatedContactId,
    ValueMap<SegmentValue>? SegmentAttributes,
    string? CustomerId,
    ValueList<string>? DisconnectOnCustomerExit)
{
    /// <summary>The documented default when ChatDurationInMinutes is left out: 25 hours.</summary>
    public const int DefaultChatDurationInMinutes = 1500;

    // Read-only, so not members of the JSON form (IgnoreReadOnlyProperties): derived, not sent.
    public string DisplayName => ParticipantDetails.DisplayName;

    public string? ResponseMode => ParticipantConfiguration?.ResponseMode;

    public TimeSpan ChatDuration => TimeSpan.FromMinutes(ChatDurationInMinutes ?? DefaultChatDurationInMinutes);

    /// <summary>True when both requests ask for the same chat, whatever their ClientToken: the record's equality.</summary>
    public bool HasSameParametersAs(ChatRequest other) =>
        Equals(ClientToken == other.ClientToken ? other : other with { ClientToken = ClientToken });
}

/// <summary>The customer participant: its display name.</summary>
internal sealed record ChatParticipantDetails(string DisplayName);

/// <summary>The customer participant's configuration: how responses are sent to it.</summary>
internal sealed record ChatParticipantConfiguration(string? ResponseMode);

/// <summary>A chat message: its content type and content.</summary>
internal sealed record ChatMessageContent(string ContentType, string Content);

/// <summary>The past contact a persistent chat continues from.</summary>
internal sealed record PersistentChatSource(string RehydrationType, string SourceContactId);

/// <summary>The value of a segment attribute: at most one of its members is normally set.</summary>
internal sealed record SegmentValue(
    string? ValueString,
    ValueMap<SegmentValue>? ValueMap,
    int? ValueInteger,
    ValueList<SegmentValue>? ValueList,
    string? ValueArn);
