using System.Globalization;
using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectMock.Connect;

/// <summary>The body of <c>POST /contact/create-participant</c>.</summary>
internal sealed class CreateParticipantRequest : IIdempotentRequest, IInstanceRequest
{
    /// <example>a1b2c3d4-5678-90ab-cdef-11111EXAMPLE</example>
    public string? InstanceId { get; set; }

    /// <summary>The chat contact to add the participant to.</summary>
    /// <example>d88ac802-4fa8-4ddd-9e59-89ac2e378879</example>
    public string? ContactId { get; set; }

    /// <summary>
    /// Idempotency token: a repeat with the same token on the same contact returns the same participant and token.
    /// AWS SDKs fill it with a random UUID when the caller leaves it out.
    /// </summary>
    /// <example>0f1c7f9e-6b38-4c3e-9a57-3d1f6c0b2a11</example>
    public string? ClientToken { get; set; }

    /// <summary>The participant to add: <c>ParticipantRole</c> must be <c>CUSTOM_BOT</c>, and <c>DisplayName</c> is required.</summary>
    public ParticipantDetailsToAdd? ParticipantDetails { get; set; }

    public static ValueTask<CreateParticipantRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ConnectJsonContext.Default.CreateParticipantRequest);
}

/// <summary>The details to add for the participant.</summary>
internal sealed class ParticipantDetailsToAdd
{
    /// <summary>The role of the participant being added: only <c>CUSTOM_BOT</c> is valid.</summary>
    /// <example>CUSTOM_BOT</example>
    public string? ParticipantRole { get; set; }

    /// <summary>The display name of the participant.</summary>
    /// <example>Order bot</example>
    public string? DisplayName { get; set; }
}

/// <summary>The 200 response of CreateParticipant.</summary>
/// <param name="ParticipantCredentials">The token for CreateParticipantConnection and when it expires.</param>
/// <param name="ParticipantId" example="5d2b4c1a-9f7e-4f65-8b0e-2c1d3a4b5c6d">The new participant's identifier, the same for the whole chat.</param>
internal sealed record CreateParticipantResponse(ParticipantTokenCredentials ParticipantCredentials, string ParticipantId);

/// <summary>The credentials used by the participant.</summary>
/// <param name="ParticipantToken">The X-Amz-Bearer of the participant's CreateParticipantConnection. Opaque.</param>
/// <param name="Expiry" example="2026-11-27T13:00:00.000Z">When the token expires: the end of the chat's duration, ISO 8601.</param>
internal sealed record ParticipantTokenCredentials(string ParticipantToken, string Expiry);

/// <summary>
/// CreateParticipant's input rules. The model declares no InvalidParameterException for this operation, so a broken
/// constraint is an InvalidRequestException (the route says so); the documentation adds that the only valid role is
/// CUSTOM_BOT and that DisplayName is required.
/// </summary>
internal sealed class CreateParticipantRequestValidator : AbstractValidator<CreateParticipantRequest>
{
    /// <summary>The model's ParticipantRole enumeration.</summary>
    public static readonly IReadOnlyList<string> ParticipantRoleValues = ["AGENT", "CUSTOMER", "SYSTEM", ParticipantRoles.CustomBot, "SUPERVISOR"];

    public CreateParticipantRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.InstanceId).Required().HasLength(AwsMemberLimits.InstanceId);
        RuleFor(r => r.ContactId).Required().HasLength(AwsMemberLimits.ContactId);
        RuleFor(r => r.ClientToken).HasLength(AwsMemberLimits.ClientToken);
        RuleFor(r => r.ParticipantDetails!).Required().SetValidator(new ParticipantDetailsToAddValidator());
    }

    private sealed class ParticipantDetailsToAddValidator : AbstractValidator<ParticipantDetailsToAdd>
    {
        public ParticipantDetailsToAddValidator()
        {
            RuleLevelCascadeMode = CascadeMode.Stop;
            RuleFor(d => d.ParticipantRole)
                .Required()
                .OneOf(ParticipantRoleValues)
                .Documented((_, role) => role == ParticipantRoles.CustomBot, $"The only valid value for ParticipantRole is {ParticipantRoles.CustomBot}");
            RuleFor(d => d.DisplayName).Required().HasLength(AwsMemberLimits.DisplayName);
        }
    }
}

/// <summary>
/// CreateParticipant: <c>POST /contact/create-participant</c>. Adds a custom bot to an active chat; it then uses the
/// Participant Service like any participant, with its own ParticipantToken.
/// </summary>
/// <remarks>
/// Where the model and the documentation are silent, ConnectMock decides (docs/custom-bots.md): the participant joins
/// (participant.joined) at its first CreateParticipantConnection, which must come within 15 seconds; the token expires
/// with the chat ("valid for the lifetime of a chat participant"); a ClientToken is remembered per contact; an ended
/// contact or an agent present is an InvalidRequestException; a second custom participant is a
/// ServiceQuotaExceededException (402), the model's error for a count limit.
/// </remarks>
internal static class CreateParticipant
{
    public static Ok<CreateParticipantResponse> Handle(CreateParticipantRequest request, ChatService chats)
    {
        var added = chats.CreateParticipant(request.InstanceId!, request.ContactId!, request.ParticipantDetails!.DisplayName!, request.ClientToken);
        return TypedResults.Ok(new CreateParticipantResponse(
            new ParticipantTokenCredentials(added.ParticipantToken, Iso8601(added.Expiry)),
            added.Participant.Id.ToString()));
    }

    /// <summary>The model's ISO8601Datetime: yyyy-MM-ddThh:mm:ss.SSSZ.</summary>
    private static string Iso8601(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
