using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts.Attachments;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ConnectMock.Participant;

/// <summary>The body of <c>POST /participant/attachment</c>.</summary>
internal sealed class GetAttachmentRequest
{
    public string? AttachmentId { get; set; }

    /// <summary>How long the download URL lives, 5 to 300 seconds; 300 when left out.</summary>
    /// <example>60</example>
    public int? UrlExpiryInSeconds { get; set; }

    public static ValueTask<GetAttachmentRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ParticipantJsonContext.Default.GetAttachmentRequest);
}

/// <param name="Url">Where to GET the file: ConnectMock's stand-in for Amazon S3's pre-signed URL.</param>
/// <param name="UrlExpiry">When the URL stops working (ISO 8601).</param>
/// <param name="AttachmentSizeInBytes">The file's size.</param>
internal sealed record GetAttachmentResponse(string Url, string UrlExpiry, long AttachmentSizeInBytes);

internal sealed class GetAttachmentRequestValidator : AbstractValidator<GetAttachmentRequest>
{
    public GetAttachmentRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.AttachmentId).Required().HasLength(1, 256);
        RuleFor(r => r.UrlExpiryInSeconds).Range(5, 300);
    }
}

/// <summary>
/// GetAttachment: <c>POST /participant/attachment</c>. X-Amz-Bearer: the ConnectionToken. Only a participant of the
/// attachment's chat may read it (else <c>AccessDeniedException</c>, which also answers an unknown id, so that ids of
/// other chats cannot be probed); one not completed, being scanned or rejected is <c>ValidationException</c>.
/// </summary>
internal static class GetAttachment
{
    public static Ok<GetAttachmentResponse> Handle(
        GetAttachmentRequest request,
        [FromHeader(Name = BearerToken.Header)] string? bearer,
        ChatAttachments attachments,
        AttachmentUrls urls,
        HttpContext http)
    {
        var attachment = attachments.Get(BearerToken.Read(bearer, "connectionToken"), request.AttachmentId!);
        var (url, expiry) = urls.Download(http, attachment, TimeSpan.FromSeconds(request.UrlExpiryInSeconds ?? attachments.Options.DefaultDownloadUrlSeconds));
        return TypedResults.Ok(new GetAttachmentResponse(url, Item.Time(expiry), attachment.AttachmentSizeInBytes));
    }
}
