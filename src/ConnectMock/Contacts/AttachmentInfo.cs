namespace ConnectMock.Contacts;

/// <summary>An attachment as a chat item carries it (the Participant Service's <c>AttachmentItem</c>).</summary>
internal sealed record AttachmentInfo(string AttachmentId, string AttachmentName, string ContentType, string Status);
