namespace ConnectMock.Testing;

/// <summary>A chat's attachment, as the control plane shows it.</summary>
public sealed record Attachment(
    string AttachmentId,
    string ContactId,
    string ParticipantId,
    string AttachmentName,
    string ContentType,
    long AttachmentSizeInBytes,
    AttachmentPhase Phase,
    string? Status,
    bool BytesHeld,
    DateTimeOffset CreatedAt);
