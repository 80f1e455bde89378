using System.Net;
using System.Net.Http.Headers;

namespace ConnectMock.Tests.Participant.Attachments;

/// <summary>What the upload URL answered.</summary>
internal sealed record Upload(HttpStatusCode Status, MediaTypeHeaderValue? ContentType, string? ETag, string Body);
