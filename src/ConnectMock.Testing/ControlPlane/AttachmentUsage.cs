namespace ConnectMock.Testing;

/// <summary>The attachments held against their budget, and the scanner.</summary>
public sealed record AttachmentUsage(int Attachments, long Bytes, long MaxBytes, long MaxFileBytes, int MaxPerContact, ScanningSettings Scanning);
