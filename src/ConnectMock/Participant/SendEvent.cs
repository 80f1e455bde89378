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
    /// <summary>
    /// Any string of 1 to 100 characters, as in the model. The documentation lists the typing, message.delivered and
    /// message.read (receipts) and connection.acknowledged events of <c>application/vnd.amazonaws.connect.event.*</c>;
    /// any other type is pushed to the sockets as an EVENT item and kept only if GetTranscript documents it.
    /// </summary>
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
        // A string of 1 to 100 characters in the model, no enum: the documentation's list is what Connect acts on.
        RuleFor(r => r.ContentType).Required().HasLength(1, 100);
        RuleFor(r => r.Content).HasLength(1, 16_384);
        RuleFor(r => r.ClientToken).HasLength(AwsMemberLimits.ClientToken);
    }
}

/// <summary>
/// SendEvent: <c>POST /participant/event</c>. X-Amz-Bearer: the ConnectionToken. A read or delivered event is a
/// receipt for the message its Content names; any other ContentType (typing, or a type the documentation does not
/// list, which the model allows) is pushed to the chat's sockets as an EVENT item, and kept in the transcript only
/// when GetTranscript's documentation lists it. What the service answers for a type it does not know is not
/// documented: ConnectMock accepts it (docs/full-chat.md, "SendEvent and what a transcript keeps").
/// </summary>
internal static class SendEvent
{
    public static Ok<SendEventResponse> Handle(
        SendEventRequest request, [FromHeader(Name = BearerToken.Header)] string? bearer, ChatSessions chats)
    {
        var item = chats.SendEvent(BearerToken.Read(bearer, "connectionToken"), request.ContentType!, request.Content);
        return TypedResults.Ok(new SendEventResponse(item.Id, Item.Time(item.AbsoluteTime)));
    }
}
