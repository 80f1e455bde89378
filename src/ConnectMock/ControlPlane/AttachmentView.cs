using ConnectMock.Contacts.Attachments;

namespace ConnectMock.ControlPlane;

/// <summary>An attachment as the control plane shows it.</summary>
/// <param name="AttachmentId">The id StartAttachmentUpload returned (or the agent's send).</param>
/// <param name="ContactId">The contact whose chat it belongs to.</param>
/// <param name="ParticipantId">Who sent it.</param>
/// <param name="AttachmentName">The file's name, as sent.</param>
/// <param name="ContentType">The file's MIME type, as sent.</param>
/// <param name="AttachmentSizeInBytes">The size declared at its start.</param>
/// <param name="Phase">AwaitingUpload, Uploaded or Completed.</param>
/// <param name="Status">APPROVED, REJECTED or IN_PROGRESS (being scanned) once completed.</param>
/// <param name="BytesHeld">Whether its bytes arrived (and were not evicted): GET .../content then returns them.</param>
/// <param name="CreatedAt">When its upload started.</param>
internal sealed record AttachmentView(
    string AttachmentId,
    string ContactId,
    string ParticipantId,
    string AttachmentName,
    string ContentType,
    long AttachmentSizeInBytes,
    AttachmentPhase Phase,
    string? Status,
    bool BytesHeld,
    DateTimeOffset CreatedAt)
{
    public static AttachmentView Of(Attachment attachment, bool bytesHeld) => new(
        attachment.AttachmentId,
        attachment.ContactId.ToString(),
        attachment.ParticipantId.ToString(),
        attachment.AttachmentName,
        attachment.ContentType,
        attachment.AttachmentSizeInBytes,
        attachment.Phase,
        attachment.Status,
        bytesHeld,
        attachment.CreatedAt);
}
