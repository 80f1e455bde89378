using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ConnectMock.Participant;

/// <summary>The body of <c>POST /participant/transcript</c>.</summary>
internal sealed class GetTranscriptRequest
{
    public string? ContactId { get; set; }

    /// <example>15</example>
    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }

    /// <example>BACKWARD</example>
    public string? ScanDirection { get; set; }

    /// <example>ASCENDING</example>
    public string? SortOrder { get; set; }

    public StartPosition? StartPosition { get; set; }

    public static ValueTask<GetTranscriptRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ParticipantJsonContext.Default.GetTranscriptRequest);
}

internal sealed class StartPosition
{
    public string? Id { get; set; }

    public string? AbsoluteTime { get; set; }

    public int? MostRecent { get; set; }

    /// <summary>chatjs always sends <c>"StartPosition":{}</c>, which means no start position.</summary>
    public bool IsEmpty => Id is null && AbsoluteTime is null && MostRecent is null;
}

internal sealed record GetTranscriptResponse(string InitialContactId, IReadOnlyList<Item> Transcript, string? NextToken);

internal sealed class GetTranscriptRequestValidator : AbstractValidator<GetTranscriptRequest>
{
    public GetTranscriptRequestValidator()
    {
        RuleFor(r => r.ContactId).HasLength(AwsMemberLimits.ContactId);
        RuleFor(r => r.MaxResults).Range(0, 100);
        RuleFor(r => r.NextToken).HasLength(1, 1000);
        RuleFor(r => r.ScanDirection).OneOf(["FORWARD", "BACKWARD"]);
        RuleFor(r => r.SortOrder).OneOf(["DESCENDING", "ASCENDING"]);
        RuleFor(r => r.StartPosition!).SetValidator(new StartPositionValidator());
    }
}

internal sealed class StartPositionValidator : AbstractValidator<StartPosition>
{
    public StartPositionValidator()
    {
        RuleFor(p => p.Id).HasLength(AwsMemberLimits.ItemId);
        RuleFor(p => p.AbsoluteTime).HasLength(1, 100);
        RuleFor(p => p.MostRecent).Range(0, 100);
    }
}

/// <summary>
/// GetTranscript: <c>POST /participant/transcript</c>. The chat's transcript, paged by <see cref="TranscriptPage"/>.
/// X-Amz-Bearer: the ConnectionToken. <c>ContactId</c>, "from the current contact chain": the current contact (the
/// whole transcript, a persistent chat's past items first) or a past contact the chat continues (its items only).
/// </summary>
internal static class GetTranscript
{
    public static Ok<GetTranscriptResponse> Handle(
        GetTranscriptRequest request, [FromHeader(Name = BearerToken.Header)] string? bearer, ChatSessions chats, TranscriptPage pages)
    {
        // Only the page is taken from the transcript, under the store's lock; its items are mapped after.
        var (contactId, items, nextToken) = chats.ReadTranscript(BearerToken.Read(bearer, "connectionToken"), request.ContactId, transcript =>
        {
            var (page, next) = pages.Read(transcript.Items, request, transcript.Of);
            return (transcript.ContactId, page, next);
        });
        return TypedResults.Ok(new GetTranscriptResponse(contactId.ToString(), [.. items.Select(i => Item.From(i, contactId))], nextToken));
    }
}
