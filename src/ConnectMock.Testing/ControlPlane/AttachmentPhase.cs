namespace ConnectMock.Testing;

/// <summary>Where an attachment is in its upload.</summary>
public enum AttachmentPhase
{
    AwaitingUpload,
    Uploaded,
    Completed,
}
