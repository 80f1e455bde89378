namespace ConnectMock.Contacts.Attachments;

/// <summary>Where an attachment is in its life: started, its bytes arrived, completed (then scanned, or not).</summary>
internal enum AttachmentPhase
{
    AwaitingUpload,
    Uploaded,
    Completed,
}
