namespace ConnectMock.Testing;

/// <summary>The simulated attachment scanner; unset members are left as they are.</summary>
public sealed record ScanningSettings(bool? Enabled = null, int? DelayMs = null, string? RejectNamePattern = null, string? RejectContentMarker = null);
