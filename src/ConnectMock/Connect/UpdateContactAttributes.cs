using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectMock.Connect;

/// <summary>The body of <c>POST /contact/attributes</c>.</summary>
internal sealed class UpdateContactAttributesRequest : IInstanceRequest
{
    /// <example>d88ac802-4fa8-4ddd-9e59-89ac2e378879</example>
    public string? InitialContactId { get; set; }

    /// <example>11111111-2222-3333-4444-555555555555</example>
    public string? InstanceId { get; set; }

    /// <summary>Attributes to add or replace; the others stay.</summary>
    public Dictionary<string, string?>? Attributes { get; set; }

    public static ValueTask<UpdateContactAttributesRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ConnectJsonContext.Default.UpdateContactAttributesRequest);
}

internal sealed class UpdateContactAttributesRequestValidator : AbstractValidator<UpdateContactAttributesRequest>
{
    public UpdateContactAttributesRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.InitialContactId).Required().HasLength(AwsMemberLimits.ContactId);
        RuleFor(r => r.InstanceId).Required().HasLength(AwsMemberLimits.InstanceId);
        RuleFor(r => r.Attributes).Required().ContactAttributes();
    }
}

/// <summary>UpdateContactAttributes: <c>POST /contact/attributes</c>. Adds or replaces attributes; the others stay.</summary>
internal static class UpdateContactAttributes
{
    public static Ok<EmptyResponse> Handle(UpdateContactAttributesRequest request, ChatService chats)
    {
        chats.UpdateAttributes(
            request.InstanceId!,
            request.InitialContactId!,
            request.Attributes!.ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal),
            StartChatContactRequestValidator.AttributesMaxUtf8Bytes);
        return TypedResults.Ok(new EmptyResponse());
    }
}
