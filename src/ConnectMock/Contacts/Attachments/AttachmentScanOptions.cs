using System.ComponentModel.DataAnnotations;

namespace ConnectMock.Contacts.Attachments;

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
