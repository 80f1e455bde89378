namespace ConnectMock.ControlPlane;

internal sealed record AttachmentList(IReadOnlyList<AttachmentView> Attachments);
