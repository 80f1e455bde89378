using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ConnectMock.Participant;

/// <summary>The body of <c>POST /participant/event</c>.</summary>
internal sealed class SendEventRequest : IIdempotentRequest
{
    /// <example>application/vnd.amazonaws.connect.event.typing</example>
    public string? ContentType { get; set; }

    /// <summary>For receipts, JSON naming the message: <c>{"messageId":"..."}</c>.</summary>
    public string? Content { get; set; }

    /// <summary>Accepted and ignored: chatjs sends the same token with every receipt.</summary>
    public string? ClientToken { get; set; }

    public static ValueTask<SendEventRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ParticipantJsonContext.Default.SendEventRequest);
}

internal sealed record SendEventResponse(string Id, string AbsoluteTime);

internal sealed class SendEventRequestValidator : AbstractValidator<SendEventRequest>
{
    public SendEventRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.ContentType).Required().HasLength(1, 100).OneOf(ChatEvents.Events);
        RuleFor(r => r.Content).HasLength(1, 16_384);
        RuleFor(r => r.ClientToken).HasLength(AwsMemberLimits.ClientToken);
    }
}

/// <summary>SendEvent: <c>POST /participant/event</c>. Typing, delivered or read events. X-Amz-Bearer: the ConnectionToken.</summary>
internal static class SendEvent
{
    public static Ok<SendEventResponse> Handle(
        SendEventRequest request, [FromHeader(Name = BearerToken.Header)] string? bearer, ChatSessions chats)
    {
        var item = chats.SendEvent(BearerToken.Read(bearer, "connectionToken"), request.ContentType!, request.Content);
        return TypedResults.Ok(new SendEventResponse(item.Id, Item.Time(item.AbsoluteTime)));
    }
}
