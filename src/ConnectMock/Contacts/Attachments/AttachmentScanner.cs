using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ConnectMock.Contacts.Attachments;

/// <summary>
/// The simulated attachment scanner: its settings start from configuration and the control plane changes them. A
/// file is REJECTED when its name matches <see cref="AttachmentScanOptions.RejectNamePattern"/> or its bytes contain
/// <see cref="AttachmentScanOptions.RejectContentMarker"/>, APPROVED otherwise.
/// </summary>
internal sealed class AttachmentScanner
{
    // A pattern comes from a test's configuration or the control plane: one that backtracks for ever must not hang a scan.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private readonly AttachmentScanOptions _configured;
    private volatile Settings _settings;

    public AttachmentScanner(IOptions<AttachmentOptions> options)
    {
        _configured = options.Value.Scanning;
        _settings = Compile(_configured);
    }

    public AttachmentScanOptions Current => _settings.Options;

    public bool Enabled => _settings.Options.Enabled;

    public TimeSpan Delay => TimeSpan.FromMilliseconds(_settings.Options.DelayMs);

    /// <summary>Replaces the settings; throws <see cref="ArgumentException"/> for a pattern that is no regular expression.</summary>
    public void Configure(AttachmentScanOptions options)
    {
        _settings = Compile(options);
        Changed?.Invoke(options);
    }

    /// <summary>Back to the settings of configuration (the control plane's reset).</summary>
    public void Reset()
    {
        _settings = Compile(_configured);
        Changed?.Invoke(_configured);
    }

    /// <summary>
    /// Raised after this replica's control plane changed the settings; not raised by <see cref="Apply"/>. Only shared
    /// settings listen (several replicas on one Redis: docs/scale-out.md).
    /// </summary>
    public event Action<AttachmentScanOptions>? Changed;

    /// <summary>Takes the settings another replica set (checked there already).</summary>
    public void Apply(AttachmentScanOptions options) => _settings = Compile(options);

    public string Verdict(string attachmentName, ReadOnlySpan<byte> bytes)
    {
        var settings = _settings;
        bool rejected;
        try
        {
            rejected = settings.NamePattern?.IsMatch(attachmentName) == true
                || (settings.Marker is { Length: > 0 } marker && bytes.IndexOf(marker) >= 0);
        }
        catch (RegexMatchTimeoutException)
        {
            // A scanner that cannot decide rejects, as Amazon Connect rejects a file its scanner did not answer for.
            rejected = true;
        }

        return rejected ? ArtifactStatus.Rejected : ArtifactStatus.Approved;
    }

    private static Settings Compile(AttachmentScanOptions options) => new(
        options,
        string.IsNullOrEmpty(options.RejectNamePattern) ? null : new Regex(options.RejectNamePattern, RegexOptions.CultureInvariant, MatchTimeout),
        string.IsNullOrEmpty(options.RejectContentMarker) ? null : Encoding.UTF8.GetBytes(options.RejectContentMarker));

    private sealed record Settings(AttachmentScanOptions Options, Regex? NamePattern, byte[]? Marker);
}
