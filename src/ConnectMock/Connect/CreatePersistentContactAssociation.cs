using System.Text.Json.Serialization;
using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectMock.Connect;

/// <summary>
/// <c>POST /contact/persistent-contact-association/{InstanceId}/{InitialContactId}</c>: the labels, and the body
/// (RehydrationType, SourceContactId, ClientToken).
/// </summary>
internal sealed class CreatePersistentContactAssociationRequest : IIdempotentRequest
{
    /// <summary>The instance (a label of the path, not a member of the body).</summary>
    [JsonIgnore]
    public string InstanceId { get; private set; } = "";

    /// <summary>The chat to make persistent (a label of the path, not a member of the body).</summary>
    [JsonIgnore]
    public string InitialContactId { get; private set; } = "";

    /// <summary><c>ENTIRE_PAST_SESSION</c> (SourceContactId is a past session's initial contact) or <c>FROM_SEGMENT</c> (exactly that contact).</summary>
    /// <example>ENTIRE_PAST_SESSION</example>
    public string? RehydrationType { get; set; }

    /// <summary>The ended contact (or initial contact of the ended session) to continue.</summary>
    /// <example>9c447689-a5b5-45b4-8a8a-e2fbe00bdb43</example>
    public string? SourceContactId { get; set; }

    /// <summary>Idempotency token: a repeat of the call that made the chat persistent returns the same answer.</summary>
    /// <example>0b5bd2a3-5a4d-4e1e-9d6f-5b2b5bb6f7a1</example>
    public string? ClientToken { get; set; }

    public static async ValueTask<CreatePersistentContactAssociationRequest> BindAsync(HttpContext context)
    {
        var request = await AwsJsonBody.ReadAsync(context, ConnectJsonContext.Default.CreatePersistentContactAssociationRequest);
        request.InstanceId = AwsLabels.InstanceId(context);
        request.InitialContactId = AwsLabels.Get(context, nameof(InitialContactId));
        return request;
    }
}

/// <summary>The 200 response of CreatePersistentContactAssociation.</summary>
/// <param name="ContinuedFromContactId" example="9c447689-a5b5-45b4-8a8a-e2fbe00bdb43">The contact the chat continues from now on: for ENTIRE_PAST_SESSION, the session's most recently ended contact.</param>
internal sealed record CreatePersistentContactAssociationResponse(string ContinuedFromContactId);

/// <summary>The model's constraints: RehydrationType and SourceContactId are required; ClientToken at most 500.</summary>
internal sealed class CreatePersistentContactAssociationRequestValidator : AbstractValidator<CreatePersistentContactAssociationRequest>
{
    public CreatePersistentContactAssociationRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.InstanceId).HasLength(AwsMemberLimits.InstanceId);
        RuleFor(r => r.InitialContactId).HasLength(AwsMemberLimits.ContactId);
        RuleFor(r => r.RehydrationType).Required().OneOf(ChatService.RehydrationTypes);
        RuleFor(r => r.SourceContactId).Required().HasLength(AwsMemberLimits.ContactId);
        RuleFor(r => r.ClientToken).HasLength(AwsMemberLimits.ClientToken);
    }
}

/// <summary>
/// CreatePersistentContactAssociation: <c>POST /contact/persistent-contact-association/{InstanceId}/{InitialContactId}</c>.
/// Makes an active chat continue an ended one, as StartChatContact's PersistentChat does at the start: the past
/// items go before the chat's own, and chat.rehydrated is posted. Errors: an unknown chat or source is
/// ResourceNotFoundException; an active source, an ended chat, a chat persistent already ("You can enable
/// persistence of a SourceContactID on a new chat only once") or started with RelatedContactId is
/// InvalidRequestException.
/// </summary>
internal static class CreatePersistentContactAssociation
{
    public static Ok<CreatePersistentContactAssociationResponse> Handle(CreatePersistentContactAssociationRequest request, ChatService chats) =>
        TypedResults.Ok(new CreatePersistentContactAssociationResponse(chats.AssociatePersistentContact(
            request.InstanceId, request.InitialContactId, request.RehydrationType!, request.SourceContactId!, request.ClientToken)));
}
