namespace ConnectMock.ControlPlane;

/// <summary>What the attachment store holds against its budget, and the scanner's settings.</summary>
internal sealed record AttachmentUsage(int Attachments, long Bytes, long MaxBytes, long MaxFileBytes, int MaxPerContact, ScanningSpec Scanning);
