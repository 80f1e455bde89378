using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using FluentValidation;

namespace ConnectMock.ControlPlane;

/// <summary>The body of <c>POST /_connectmock/contacts/{contactId}/agent/events</c>.</summary>
/// <param name="ContentType">typing, or message.read / message.delivered (short names or the full content types).</param>
/// <param name="MessageId">The message a read or delivered receipt is for.</param>
internal sealed record AgentEventSpec(string? ContentType = null, string? MessageId = null)
{
    public static ValueTask<AgentEventSpec> BindAsync(HttpContext http) =>
        ControlPlaneJson.ReadAsync(http, ControlPlaneJsonContext.Default.AgentEventSpec, new AgentEventSpec());

    public string? FullContentType => ContentType switch
    {
        "typing" => ChatEvents.Typing,
        "read" => ChatEvents.Read,
        "delivered" => ChatEvents.Delivered,
        _ => ContentType,
    };
}

internal sealed class AgentEventSpecValidator : AbstractValidator<AgentEventSpec>
{
    public AgentEventSpecValidator()
    {
        RuleFor(e => e.FullContentType)
            .Must(type => type is not null && ChatEvents.Documented.Contains(type))
            .WithMessage("contentType must be typing, read or delivered.");
        RuleFor(e => e.MessageId)
            .Must(id => AwsMemberLimits.IsId(id, AwsMemberLimits.ItemId))
            .When(e => e.FullContentType is ChatEvents.Read or ChatEvents.Delivered)
            .WithMessage($"messageId must be given for a read or delivered receipt, {AwsMemberLimits.Describe(AwsMemberLimits.ItemId, "Item.Id")}.");
    }
}
