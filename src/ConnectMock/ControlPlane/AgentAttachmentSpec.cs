namespace ConnectMock.ControlPlane;

/// <summary>The body of <c>POST /_connectmock/contacts/{contactId}/agent/attachments</c>: a file, its bytes in base64.</summary>
/// <param name="Name">The file's name, with an extension Amazon Connect accepts (e.g. reply.pdf).</param>
/// <param name="ContentType">Its MIME type (e.g. application/pdf).</param>
/// <param name="ContentBase64">Its bytes, base64-encoded.</param>
internal sealed record AgentAttachmentSpec(string? Name = null, string? ContentType = null, string? ContentBase64 = null);
