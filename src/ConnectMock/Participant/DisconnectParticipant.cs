using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ConnectMock.Participant;

/// <summary>The body of <c>POST /participant/disconnect</c>.</summary>
internal sealed class DisconnectParticipantRequest : IIdempotentRequest
{
    public string? ClientToken { get; set; }

    public static ValueTask<DisconnectParticipantRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ParticipantJsonContext.Default.DisconnectParticipantRequest);
}

internal sealed record EmptyParticipantResponse;

internal sealed class DisconnectParticipantRequestValidator : AbstractValidator<DisconnectParticipantRequest>
{
    public DisconnectParticipantRequestValidator()
    {
        RuleFor(r => r.ClientToken).HasLength(AwsMemberLimits.ClientToken);
    }
}

/// <summary>DisconnectParticipant: <c>POST /participant/disconnect</c>. Leaves the chat. X-Amz-Bearer: the ConnectionToken.</summary>
internal static class DisconnectParticipant
{
    public static Ok<EmptyParticipantResponse> Handle(
        DisconnectParticipantRequest request, [FromHeader(Name = BearerToken.Header)] string? bearer, ChatSessions chats)
    {
        chats.Disconnect(BearerToken.Read(bearer, "connectionToken"));
        return TypedResults.Ok(new EmptyParticipantResponse());
    }
}
