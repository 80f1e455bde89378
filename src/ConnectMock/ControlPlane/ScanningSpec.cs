using ConnectMock.Contacts.Attachments;

namespace ConnectMock.ControlPlane;

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
