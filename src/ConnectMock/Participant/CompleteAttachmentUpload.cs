using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts.Attachments;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ConnectMock.Participant;

/// <summary>The body of <c>POST /participant/complete-attachment-upload</c>.</summary>
internal sealed class CompleteAttachmentUploadRequest : IIdempotentRequest
{
    /// <summary>Exactly one: the AttachmentId StartAttachmentUpload returned.</summary>
    public List<string?>? AttachmentIds { get; set; }

    public string? ClientToken { get; set; }

    public static ValueTask<CompleteAttachmentUploadRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ParticipantJsonContext.Default.CompleteAttachmentUploadRequest);
}

internal sealed class CompleteAttachmentUploadRequestValidator : AbstractValidator<CompleteAttachmentUploadRequest>
{
    public CompleteAttachmentUploadRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.AttachmentIds).Required().Count(1, 1).EachItem(length: (1, 256));
        RuleFor(r => r.ClientToken).Required().HasLength(1, 500);
    }
}

/// <summary>
/// CompleteAttachmentUpload: <c>POST /participant/complete-attachment-upload</c>. X-Amz-Bearer: the ConnectionToken.
/// The file's <c>ATTACHMENT</c> item then reaches the chat (after the simulated scan, when scanning is on). A file
/// never uploaded is <c>ValidationException</c>; one completed already, under another ClientToken, is
/// <c>ConflictException</c>; a repeat of the same ClientToken succeeds again.
/// </summary>
internal static class CompleteAttachmentUpload
{
    public static Ok<EmptyParticipantResponse> Handle(
        CompleteAttachmentUploadRequest request, [FromHeader(Name = BearerToken.Header)] string? bearer, ChatAttachments attachments)
    {
        attachments.Complete(BearerToken.Read(bearer, "connectionToken"), request.AttachmentIds![0]!, request.ClientToken);
        return TypedResults.Ok(new EmptyParticipantResponse());
    }
}
