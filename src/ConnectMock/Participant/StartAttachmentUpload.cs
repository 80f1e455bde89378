using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts.Attachments;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ConnectMock.Participant;

/// <summary>The body of <c>POST /participant/start-attachment-upload</c>.</summary>
internal sealed class StartAttachmentUploadRequest : IIdempotentRequest
{
    /// <summary>The file's MIME type: one of the types Amazon Connect accepts in a chat.</summary>
    /// <example>image/png</example>
    public string? ContentType { get; set; }

    /// <example>1024</example>
    public long? AttachmentSizeInBytes { get; set; }

    /// <example>receipt.png</example>
    public string? AttachmentName { get; set; }

    /// <summary>Idempotency: the same ClientToken returns the same AttachmentId and UploadMetadata. The SDKs fill it in.</summary>
    public string? ClientToken { get; set; }

    public static ValueTask<StartAttachmentUploadRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ParticipantJsonContext.Default.StartAttachmentUploadRequest);
}

internal sealed record StartAttachmentUploadResponse(string AttachmentId, UploadMetadata UploadMetadata);

/// <param name="Url">Where to PUT the file's bytes: ConnectMock's stand-in for Amazon S3's pre-signed URL.</param>
/// <param name="UrlExpiry">When the URL stops working (ISO 8601).</param>
/// <param name="HeadersToInclude">Headers the PUT must carry, exactly: the URL's signature covers them.</param>
internal sealed record UploadMetadata(string Url, string UrlExpiry, Dictionary<string, string> HeadersToInclude);

internal sealed class StartAttachmentUploadRequestValidator : AbstractValidator<StartAttachmentUploadRequest>
{
    public StartAttachmentUploadRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.ContentType).Required().HasLength(1, 255);
        RuleFor(r => r.AttachmentSizeInBytes).Required().Range(1, long.MaxValue);
        RuleFor(r => r.AttachmentName).Required().HasLength(1, 256);
        RuleFor(r => r.ClientToken).Required().HasLength(1, 500);
    }
}

/// <summary>
/// StartAttachmentUpload: <c>POST /participant/start-attachment-upload</c>. X-Amz-Bearer: the ConnectionToken. The file
/// type and size are checked here, as Amazon Connect checks them, with <c>ValidationException</c>; the upload URL is
/// served by ConnectMock (<see cref="AttachmentUrls"/>).
/// </summary>
internal static class StartAttachmentUpload
{
    public static Ok<StartAttachmentUploadResponse> Handle(
        StartAttachmentUploadRequest request,
        [FromHeader(Name = BearerToken.Header)] string? bearer,
        ChatAttachments attachments,
        AttachmentUrls urls,
        HttpContext http)
    {
        var attachment = attachments.Start(
            BearerToken.Read(bearer, "connectionToken"), request.ContentType!, request.AttachmentSizeInBytes!.Value, request.AttachmentName!, request.ClientToken!);
        return TypedResults.Ok(new StartAttachmentUploadResponse(
            attachment.AttachmentId,
            new UploadMetadata(urls.Upload(http, attachment), Item.Time(attachment.UploadUrlExpiry), AttachmentUrls.HeadersToInclude(attachment))));
    }
}
