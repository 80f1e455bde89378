namespace ConnectMock.Participant;

/// <summary>A file of an <c>ATTACHMENT</c> item, as the model's <c>AttachmentItem</c> names its members.</summary>
internal sealed record AttachmentItem(string ContentType, string AttachmentId, string AttachmentName, string Status);
