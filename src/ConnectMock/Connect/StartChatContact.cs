using System.Text.RegularExpressions;
using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectMock.Connect;

// Wire shapes of StartChatContact. Property names are the AWS member names, exactly. Every member is nullable
// because JSON may leave any of them out; the validator decides what is required. Enumerations stay strings
// so that an unknown value is a validation error (InvalidParameterException), not a JSON error.

/// <summary>The body of <c>PUT /contact/chat</c>.</summary>
internal sealed class StartChatContactRequest : IIdempotentRequest, IInstanceRequest
{
    /// <summary>The identifier of the Amazon Connect instance (the last part of the instance ARN).</summary>
    /// <example>a1b2c3d4-5678-90ab-cdef-11111EXAMPLE</example>
    public string? InstanceId { get; set; }

    /// <summary>The identifier of the flow that starts the chat (the last part of the flow ARN).</summary>
    /// <example>a1b2c3d4-5678-90ab-cdef-77777EXAMPLE</example>
    public string? ContactFlowId { get; set; }

    /// <summary>
    /// Contact attributes that flows can read. At most 32,768 UTF-8 bytes across all keys and values;
    /// keys may contain only letters, digits, '-' and '_'.
    /// </summary>
    public Dictionary<string, string?>? Attributes { get; set; }

    /// <summary>Information identifying the customer participant.</summary>
    public ParticipantDetails? ParticipantDetails { get; set; }

    /// <summary>The configuration of the customer participant.</summary>
    public ParticipantConfiguration? ParticipantConfiguration { get; set; }

    /// <summary>The first message of the chat.</summary>
    public ChatMessage? InitialMessage { get; set; }

    /// <summary>
    /// Idempotency token: a repeat with the same token for the same instance returns the same contact
    /// for 7 days. AWS SDKs fill it with a random UUID when the caller leaves it out.
    /// </summary>
    /// <example>c6055e5d-ce26-4754-8130-1d6c26490133</example>
    public string? ClientToken { get; set; }

    /// <summary>How long the chat lasts, in minutes. 1500 (25 hours) when left out.</summary>
    /// <example>60</example>
    public int? ChatDurationInMinutes { get; set; }

    /// <summary>The message content types the customer supports. Must contain <c>text/plain</c>.</summary>
    /// <example>["text/plain", "text/markdown"]</example>
    public List<string?>? SupportedMessagingContentTypes { get; set; }

    /// <summary>Continues an earlier chat. Cannot be combined with <c>RelatedContactId</c>.</summary>
    public PersistentChat? PersistentChat { get; set; }

    /// <summary>A contact that this chat is related to. Cannot be combined with <c>PersistentChat</c>.</summary>
    /// <example>d88ac802-4fa8-4ddd-9e59-89ac2e378879</example>
    public string? RelatedContactId { get; set; }

    /// <summary>System-defined attributes stored on the contact segment, for example <c>connect:Subtype</c>.</summary>
    public Dictionary<string, SegmentAttributeValue?>? SegmentAttributes { get; set; }

    /// <summary>The customer's identification number, for example from a CRM.</summary>
    /// <example>CRM-000123</example>
    public string? CustomerId { get; set; }

    /// <summary>Participant types to disconnect when the customer leaves the chat: exactly one, <c>AGENT</c>.</summary>
    /// <example>["AGENT"]</example>
    public List<string?>? DisconnectOnCustomerExit { get; set; }

    /// <summary>Minimal APIs' hook for custom binding: the body is read strictly, the AWS way.</summary>
    public static ValueTask<StartChatContactRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ConnectJsonContext.Default.StartChatContactRequest);

    /// <summary>
    /// The domain request; call only after validation, which guarantees the required members and no null among the
    /// values of the maps and lists, so those are handed over as they are rather than copied.
    /// </summary>
    public ChatRequest ToDomain() => new(
        InstanceId!,
        ContactFlowId!,
        new ChatParticipantDetails(ParticipantDetails!.DisplayName!),
        ClientToken,
        ValueMap.Of<string>(Attributes!), // the same objects: nullable annotations are compile-time only
        ParticipantConfiguration is { } c ? new ChatParticipantConfiguration(c.ResponseMode) : null,
        InitialMessage is { } m ? new ChatMessageContent(m.ContentType!, m.Content!) : null,
        ChatDurationInMinutes,
        ValueList.Of<string>(SupportedMessagingContentTypes!),
        PersistentChat is { } p ? new PersistentChatSource(p.RehydrationType!, p.SourceContactId!) : null,
        RelatedContactId,
        ValueMap.Of(SegmentAttributes?.ToDictionary(a => a.Key, a => a.Value!.ToDomain(), StringComparer.Ordinal)),
        CustomerId,
        ValueList.Of<string>(DisconnectOnCustomerExit!));
}

/// <summary>The 200 response of StartChatContact.</summary>
/// <param name="ContactId" example="d88ac802-4fa8-4ddd-9e59-89ac2e378879">The identifier of the new contact.</param>
/// <param name="ParticipantId" example="0b486325-be6b-4d4f-ba46-bdec2e574465">The customer participant's identifier, the same for the whole chat.</param>
/// <param name="ParticipantToken" example="fpf2M9KRzQGfvH+7yJeQjVLwuEEakwfK62odH+RfZoOLl5xoib2sOC6xFdFyjJhO">The token for CreateParticipantConnection. Opaque.</param>
/// <param name="ContinuedFromContactId" example="9c447689-a5b5-45b4-8a8a-e2fbe00bdb43">The contact a persistent chat continues from (for ENTIRE_PAST_SESSION, the session's most recently ended contact); only for persistent chats.</param>
internal sealed record StartChatContactResponse(
    string ContactId,
    string ParticipantId,
    string ParticipantToken,
    string? ContinuedFromContactId)
{
    public static StartChatContactResponse From(ChatContact contact) => new(
        contact.ContactId.ToString(),
        contact.ParticipantId.ToString(),
        contact.ParticipantToken,
        contact.ContinuedFromContactId);
}

/// <summary>
/// StartChatContact's input rules: the constraint traits of the current Connect model (2026-04) and the rules
/// that the API documentation adds on top of them.
/// </summary>
internal sealed partial class StartChatContactRequestValidator : AbstractValidator<StartChatContactRequest>
{
    public const int AttributesMaxUtf8Bytes = 32_768;
    public static readonly KeyPattern AttributeKeyPattern = new("[a-zA-Z0-9_-]+", AttributeKeyRegex());
    public const string GuideSubtypeKey = "connect:Subtype";
    public const string GuideSubtypeValue = "connect:Guide";

    public static readonly IReadOnlyList<string> ResponseModes = ["INCREMENTAL", "COMPLETE"];
    public static readonly IReadOnlyList<string> DisconnectParticipantTypes = ["AGENT"];

    public StartChatContactRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(r => r.InstanceId).Required().HasLength(AwsMemberLimits.InstanceId);
        RuleFor(r => r.ContactFlowId).Required().HasLength(AwsMemberLimits.ContactFlowId);
        RuleFor(r => r.Attributes).ContactAttributes();
        RuleFor(r => r.ParticipantDetails!).Required().SetValidator(new ParticipantDetailsValidator());
        RuleFor(r => r.ParticipantConfiguration!).SetValidator(new ParticipantConfigurationValidator());
        RuleFor(r => r.InitialMessage!).SetValidator(new ChatMessageValidator());
        RuleFor(r => r.ClientToken).HasLength(AwsMemberLimits.ClientToken);
        RuleFor(r => r.ChatDurationInMinutes).Range(60, 10_080);
        RuleFor(r => r.SupportedMessagingContentTypes)
            .EachItem(length: (1, 100), oneOf: ChatContentTypes.Supported)
            .Documented((_, types) => types!.Contains(ChatContentTypes.Plain), $"Member must contain {ChatContentTypes.Plain}");
        RuleFor(r => r.PersistentChat!).SetValidator(new PersistentChatValidator());
        RuleFor(r => r.RelatedContactId).HasLength(AwsMemberLimits.ContactId);
        RuleFor(r => r.SegmentAttributes)
            .Keys(1, 128)
            .EachValue(new SegmentAttributeValueValidator())
            .Documented((_, map) => OnlySystemAttributesUseSystemValueTypes(map!),
                "Member must use ValueList and ValueArn only for system-defined attributes (keys starting with 'connect:')")
            .Documented(GuideSubtypeHasInteractiveTypes,
                $"Member must set {GuideSubtypeKey} to {GuideSubtypeValue} only when SupportedMessagingContentTypes contains " +
                $"{ChatContentTypes.Interactive} and {ChatContentTypes.InteractiveResponse}");
        RuleFor(r => r.CustomerId).HasLength(1, 128).Sensitive();
        RuleFor(r => r.DisconnectOnCustomerExit).Count(1, 1).EachItem(oneOf: DisconnectParticipantTypes);

        // The only rule between members: the documentation forbids this combination, so the request as a
        // whole is invalid rather than one of its members.
        RuleFor(r => r.RelatedContactId)
            .Null()
            .When(r => r.PersistentChat is not null)
            .WithErrorCode(AwsErrors.InvalidRequestName)
            .WithMessage("RelatedContactId and PersistentChat cannot be provided together.");
    }

    private static bool OnlySystemAttributesUseSystemValueTypes(Dictionary<string, SegmentAttributeValue?> map) =>
        map.All(entry => entry.Key.StartsWith("connect:", StringComparison.Ordinal)
            || entry.Value is null || (entry.Value.ValueList is null && entry.Value.ValueArn is null));

    private static bool GuideSubtypeHasInteractiveTypes(StartChatContactRequest request, Dictionary<string, SegmentAttributeValue?>? map) =>
        !(map!.TryGetValue(GuideSubtypeKey, out var subtype) && subtype?.ValueString == GuideSubtypeValue)
        || (request.SupportedMessagingContentTypes is { } types
            && types.Contains(ChatContentTypes.Interactive)
            && types.Contains(ChatContentTypes.InteractiveResponse));

    [GeneratedRegex(@"^(?:[a-zA-Z0-9_-]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex AttributeKeyRegex();

    private sealed class ParticipantDetailsValidator : AbstractValidator<ParticipantDetails>
    {
        public ParticipantDetailsValidator()
        {
            RuleLevelCascadeMode = CascadeMode.Stop;
            RuleFor(d => d.DisplayName).Required().HasLength(AwsMemberLimits.DisplayName);
        }
    }

    private sealed class ParticipantConfigurationValidator : AbstractValidator<ParticipantConfiguration>
    {
        public ParticipantConfigurationValidator()
        {
            RuleFor(c => c.ResponseMode).OneOf(StartChatContactRequestValidator.ResponseModes);
        }
    }

    private sealed class ChatMessageValidator : AbstractValidator<ChatMessage>
    {
        public ChatMessageValidator()
        {
            RuleLevelCascadeMode = CascadeMode.Stop;
            RuleFor(m => m.ContentType).Required().HasLength(1, 100).OneOf(ChatContentTypes.Sendable);
            RuleFor(m => m.Content)
                .Required()
                .HasLength(1, 16_384)
                .SetValidator(new ChatContentLengthValidator<ChatMessage>(m => m.ContentType))
                .WithErrorCode(AwsValidationFailures.ConstraintCode);
        }
    }

    private sealed class PersistentChatValidator : AbstractValidator<PersistentChat>
    {
        public PersistentChatValidator()
        {
            RuleLevelCascadeMode = CascadeMode.Stop;

            // Not @required in the model, but the documentation requires both for a persistent chat.
            RuleFor(p => p.RehydrationType).Required().OneOf(ChatService.RehydrationTypes);
            RuleFor(p => p.SourceContactId).Required().HasLength(AwsMemberLimits.ContactId);
        }
    }

    private sealed class SegmentAttributeValueValidator : AbstractValidator<SegmentAttributeValue>
    {
        public SegmentAttributeValueValidator()
        {
            RuleLevelCascadeMode = CascadeMode.Stop;
            RuleFor(v => v.ValueString).HasLength(0, 1024);
            RuleFor(v => v.ValueMap).Keys(1, 128).EachValue(this);
            RuleFor(v => v.ValueList).EachValue(this);
            RuleFor(v => v.ValueArn)
                .HasLength(0, 1024)
                .Documented((_, arn) => IsArn(arn!), "Member must be a valid ARN");
        }

        /// <summary><c>arn:partition:service:region:account-id:resource</c>, where region and account may be empty.</summary>
        private static bool IsArn(string value)
        {
            var parts = value.Split(':', 6);
            return parts.Length == 6 && parts[0] == "arn" && parts[1].Length > 0 && parts[2].Length > 0 && parts[5].Length > 0;
        }
    }
}

/// <summary>StartChatContact: <c>PUT /contact/chat</c>.</summary>
internal static class StartChatContact
{
    public static Ok<StartChatContactResponse> Handle(StartChatContactRequest request, ChatService chats)
    {
        var contact = chats.StartChat(request.ToDomain());
        return TypedResults.Ok(StartChatContactResponse.From(contact));
    }
}
