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

internal sealed record AttachmentList(IReadOnlyList<AttachmentView> Attachments);

/// <summary>What the attachment store holds against its budget, and the scanner's settings.</summary>
internal sealed record AttachmentUsage(int Attachments, long Bytes, long MaxBytes, long MaxFileBytes, int MaxPerContact, ScanningSpec Scanning);

/// <summary>The simulated attachment scanner (body of <c>PUT /_connectmock/attachments/scanning</c>); a member left out keeps its value.</summary>
/// <param name="Enabled">Off: every file is APPROVED at once. On: APPROVED or REJECTED after <paramref name="DelayMs"/>.</param>
/// <param name="DelayMs">How long a scan takes, 0 to 60000 ms.</param>
/// <param name="RejectNamePattern">A .NET regular expression: a file whose name matches is REJECTED. Empty: none.</param>
/// <param name="RejectContentMarker">A file whose bytes contain this text (UTF-8) is REJECTED. Empty: none.</param>
internal sealed record ScanningSpec(bool? Enabled = null, int? DelayMs = null, string? RejectNamePattern = null, string? RejectContentMarker = null)
{
    public static ValueTask<ScanningSpec> BindAsync(HttpContext http) =>
        ControlPlaneJson.ReadAsync(http, ControlPlaneJsonContext.Default.ScanningSpec, new ScanningSpec());

    public static ScanningSpec Of(AttachmentScanOptions options) =>
        new(options.Enabled, options.DelayMs, options.RejectNamePattern, options.RejectContentMarker);
}

/// <summary>The body of <c>POST /_connectmock/contacts/{contactId}/agent/attachments</c>: a file, its bytes in base64.</summary>
/// <param name="Name">The file's name, with an extension Amazon Connect accepts (e.g. reply.pdf).</param>
/// <param name="ContentType">Its MIME type (e.g. application/pdf).</param>
/// <param name="ContentBase64">Its bytes, base64-encoded.</param>
internal sealed record AgentAttachmentSpec(string? Name = null, string? ContentType = null, string? ContentBase64 = null);
