using System.Text.RegularExpressions;
using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using FluentValidation;

namespace ConnectMock.Connect;

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
}

/// <summary>Rules that several Connect operations share.</summary>
internal static class ConnectRules
{
    /// <summary>Contact attributes: key and value lengths of the model, the documented key characters and total size.</summary>
    public static IRuleBuilderOptions<T, Dictionary<string, string?>?> ContactAttributes<T>(this IRuleBuilder<T, Dictionary<string, string?>?> rule) =>
        rule.Keys(1, 32_767, StartChatContactRequestValidator.AttributeKeyPattern)
            .StringValues(0, 32_767)
            .TotalUtf8Bytes(StartChatContactRequestValidator.AttributesMaxUtf8Bytes);
}

internal sealed class ParticipantDetailsValidator : AbstractValidator<ParticipantDetails>
{
    public ParticipantDetailsValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(d => d.DisplayName).Required().HasLength(AwsMemberLimits.DisplayName);
    }
}

internal sealed class ParticipantConfigurationValidator : AbstractValidator<ParticipantConfiguration>
{
    public ParticipantConfigurationValidator()
    {
        RuleFor(c => c.ResponseMode).OneOf(StartChatContactRequestValidator.ResponseModes);
    }
}

internal sealed class ChatMessageValidator : AbstractValidator<ChatMessage>
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

internal sealed class PersistentChatValidator : AbstractValidator<PersistentChat>
{
    public static readonly IReadOnlyList<string> RehydrationTypes = ["ENTIRE_PAST_SESSION", "FROM_SEGMENT"];

    public PersistentChatValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        // Not @required in the model, but the documentation requires both for a persistent chat.
        RuleFor(p => p.RehydrationType).Required().OneOf(RehydrationTypes);
        RuleFor(p => p.SourceContactId).Required().HasLength(AwsMemberLimits.ContactId);
    }
}

internal sealed class SegmentAttributeValueValidator : AbstractValidator<SegmentAttributeValue>
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
