using ConnectMock.Aws.Validation;
using FluentValidation;

namespace ConnectMock.ControlPlane;

/// <summary>The body of <c>POST /_connectmock/contacts/{contactId}/agent</c>.</summary>
/// <param name="DisplayName">The agent's name in the chat.</param>
internal sealed record AgentSpec(string? DisplayName = null)
{
    public static ValueTask<AgentSpec> BindAsync(HttpContext http) =>
        ControlPlaneJson.ReadAsync(http, ControlPlaneJsonContext.Default.AgentSpec, new AgentSpec());
}

internal sealed class AgentSpecValidator : AbstractValidator<AgentSpec>
{
    public AgentSpecValidator() =>
        RuleFor(a => a.DisplayName)
            .Must(name => name is null || AwsMemberLimits.IsId(name, AwsMemberLimits.DisplayName))
            .WithMessage($"displayName must be {AwsMemberLimits.Describe(AwsMemberLimits.DisplayName, "ParticipantDetails.DisplayName")}.");
}
