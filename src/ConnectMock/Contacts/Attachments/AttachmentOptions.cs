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

/// <summary>
/// The attachment scanner Amazon Connect can be set up with, simulated: off by default (every file is APPROVED at
/// once). On, a file is APPROVED or REJECTED after <see cref="DelayMs"/> by the rules below; the control plane
/// changes them at run time.
/// </summary>
internal sealed class AttachmentScanOptions
{
    public bool Enabled { get; set; }

    /// <summary>How long a scan takes; Amazon Connect gives a scanner at most 60 seconds.</summary>
    [Range(0, 60_000)]
    public int DelayMs { get; set; } = 1000;

    /// <summary>A regular expression: a file whose name matches it is rejected (e.g. <c>(?i)virus</c>).</summary>
    [StringLength(1000)]
    public string? RejectNamePattern { get; set; }

    /// <summary>A file whose bytes contain this text (as UTF-8) is rejected, e.g. the EICAR test string.</summary>
    [StringLength(1000)]
    public string? RejectContentMarker { get; set; }
}
