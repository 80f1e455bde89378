using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectMock.Connect;

/// <summary>The body of <c>POST /contact/stop</c>.</summary>
internal sealed class StopContactRequest : IInstanceRequest
{
    /// <example>d88ac802-4fa8-4ddd-9e59-89ac2e378879</example>
    public string? ContactId { get; set; }

    /// <example>11111111-2222-3333-4444-555555555555</example>
    public string? InstanceId { get; set; }

    /// <summary>Only outbound campaign contacts may give a reason; a chat may not.</summary>
    public DisconnectReason? DisconnectReason { get; set; }

    public static ValueTask<StopContactRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ConnectJsonContext.Default.StopContactRequest);
}

internal sealed class DisconnectReason
{
    public string? Code { get; set; }
}

internal sealed class StopContactRequestValidator : AbstractValidator<StopContactRequest>
{
    public StopContactRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.ContactId).Required().HasLength(AwsMemberLimits.ContactId);
        RuleFor(r => r.InstanceId).Required().HasLength(AwsMemberLimits.InstanceId);
        RuleFor(r => r.DisconnectReason)
            .Null()
            .WithErrorCode(AwsErrors.InvalidRequestName)
            .WithMessage("DisconnectReason is supported only for outbound campaign contacts, not for chats.");
    }
}

/// <summary>StopContact: <c>POST /contact/stop</c>. Ends a chat contact.</summary>
internal static class StopContact
{
    public static Ok<EmptyResponse> Handle(StopContactRequest request, ChatService chats)
    {
        chats.StopContact(request.InstanceId!, request.ContactId!);
        return TypedResults.Ok(new EmptyResponse());
    }
}
