using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ConnectMock.Contacts.Attachments;

/// <summary>Chat attachments. Section <c>ConnectMock:Attachments</c>.</summary>
internal sealed class AttachmentOptions
{
    public const string Section = "ConnectMock:Attachments";

    /// <summary>
    /// The bytes of every attachment held at once, over all contacts; beyond it the oldest attachments go first. The
    /// default leaves room for a CI machine: a dozen files at Amazon Connect's 20 MB limit.
    /// </summary>
    [Range(1L, 64L * 1024 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The largest file, in bytes: Amazon Connect's chat limit is 20 MB.</summary>
    [Range(1L, 1024L * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>
    /// The attachments one contact may start; one more is <c>ServiceQuotaExceededException</c> (402), as Amazon
    /// Connect answers past its quota of attachments per chat (35 by default).
    /// </summary>
    [Range(1, 10_000)]
    public int MaxPerContact { get; set; } = 35;

    /// <summary>How long the upload URL StartAttachmentUpload returns may be used.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long GetAttachment's download URL lives when the request gives no <c>UrlExpiryInSeconds</c>.</summary>
    [Range(5, 300)]
    public int DefaultDownloadUrlSeconds { get; set; } = 300;

    [ValidateObjectMembers]
    public AttachmentScanOptions Scanning { get; set; } = new();
}
