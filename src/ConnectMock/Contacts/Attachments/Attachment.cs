namespace ConnectMock.Contacts.Attachments;

/// <summary>An attachment of a chat: who sent it, what it is, and where it is in its life. Its bytes are kept apart.</summary>
internal sealed record Attachment(
    string AttachmentId,
    Guid ContactId,
    Guid ParticipantId,
    string AttachmentName,
    string ContentType,
    long AttachmentSizeInBytes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UploadUrlExpiry)
{
    public AttachmentPhase Phase { get; init; }

    /// <summary>The ClientToken of the StartAttachmentUpload that made it.</summary>
    public string? ClientToken { get; init; }

    /// <summary>APPROVED, REJECTED or IN_PROGRESS once completed (the model's <c>ArtifactStatus</c>); null before.</summary>
    public string? Status { get; init; }

    /// <summary>The ClientToken of the CompleteAttachmentUpload that completed it: a repeat of it succeeds again.</summary>
    public string? CompletedWith { get; init; }

    public AttachmentInfo Info => new(AttachmentId, AttachmentName, ContentType, Status ?? ArtifactStatus.InProgress);
}
