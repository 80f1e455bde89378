namespace ConnectMock.Contacts;

/// <summary>A chat contact as the mock keeps it.</summary>
public sealed class ChatContact(
    Guid contactId,
    Guid participantId,
    string participantToken,
    ChatRequest request,
    DateTimeOffset initiatedAt,
    string? continuedFromContactId)
{
    public Guid ContactId { get; } = contactId;

    public Guid ParticipantId { get; } = participantId;

    /// <summary>A secret of the customer participant: shown to its creator, never logged.</summary>
    public string ParticipantToken { get; } = participantToken;

    public ChatRequest Request { get; } = request;

    public DateTimeOffset InitiatedAt { get; } = initiatedAt;

    /// <summary>When the chat ends by itself: its start plus ChatDurationInMinutes.</summary>
    public DateTimeOffset ExpiresAt { get; } = initiatedAt + request.ChatDuration;

    public string? ContinuedFromContactId { get; } = continuedFromContactId;

    /// <summary>What the store counts against its memory budget for this contact.</summary>
    public long EstimatedBytes { get; } = 320 + request.EstimatedBytes() + (2L * participantToken.Length);

    /// <summary>The store's insertion order: larger is newer. Set once, when the store accepts the contact.</summary>
    public long Sequence { get; internal set; }

    public ContactState StateAt(DateTimeOffset now) => now < ExpiresAt ? ContactState.Active : ContactState.Ended;
}

public enum ContactState
{
    Active,
    Ended,
}
