using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ConnectMock.Participant;

/// <summary>The body of <c>POST /participant/message</c>.</summary>
internal sealed class SendMessageRequest : IIdempotentRequest
{
    /// <example>text/plain</example>
    public string? ContentType { get; set; }

    /// <example>Hello, I need help with my order.</example>
    public string? Content { get; set; }

    public string? ClientToken { get; set; }

    public static ValueTask<SendMessageRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ParticipantJsonContext.Default.SendMessageRequest);
}

internal sealed record SendMessageResponse(string Id, string AbsoluteTime);

internal sealed class SendMessageRequestValidator : AbstractValidator<SendMessageRequest>
{
    public SendMessageRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.ContentType).Required().HasLength(1, 100);
        RuleFor(r => r.Content)
            .Required()
            .HasLength(1, 16_384)
            .SetValidator(new ChatContentLengthValidator<SendMessageRequest>(r => r.ContentType))
            .WithErrorCode(AwsValidationFailures.ConstraintCode);
        RuleFor(r => r.ClientToken).HasLength(AwsMemberLimits.ClientToken);
    }
}

/// <summary>SendMessage: <c>POST /participant/message</c>. X-Amz-Bearer: the ConnectionToken.</summary>
internal static class SendMessage
{
    public static Ok<SendMessageResponse> Handle(
        SendMessageRequest request, [FromHeader(Name = BearerToken.Header)] string? bearer, ChatSessions chats)
    {
        var item = chats.SendMessage(BearerToken.Read(bearer, "connectionToken"), request.ContentType!, request.Content!, request.ClientToken);
        return TypedResults.Ok(new SendMessageResponse(item.Id, Item.Time(item.AbsoluteTime)));
    }
}
