using FluentValidation;

namespace ConnectMock.ControlPlane;

/// <summary>The body of <c>POST /_connectmock/contacts/{contactId}/agent/invite</c>.</summary>
/// <param name="DisplayName">The name of whom the agent invites; "Supervisor" when left out.</param>
internal sealed record AgentInviteSpec(string? DisplayName = null)
{
    public static ValueTask<AgentInviteSpec> BindAsync(HttpContext http) =>
        ControlPlaneJson.ReadAsync(http, ControlPlaneJsonContext.Default.AgentInviteSpec, new AgentInviteSpec());
}

internal sealed class AgentInviteSpecValidator : AbstractValidator<AgentInviteSpec>
{
    public AgentInviteSpecValidator() => RuleFor(a => a.DisplayName).OptionalDisplayName();
}
