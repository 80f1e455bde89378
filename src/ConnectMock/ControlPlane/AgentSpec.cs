using FluentValidation;

namespace ConnectMock.ControlPlane;

/// <summary>The body of <c>POST /_connectmock/contacts/{contactId}/agent</c>.</summary>
/// <param name="DisplayName">The agent's name in the chat.</param>
/// <param name="AgentId">The agent's id, as DescribeContact's AgentInfo.Id shows it; a new UUID when left out.</param>
internal sealed record AgentSpec(string? DisplayName = null, string? AgentId = null)
{
    public static ValueTask<AgentSpec> BindAsync(HttpContext http) =>
        ControlPlaneJson.ReadAsync(http, ControlPlaneJsonContext.Default.AgentSpec, new AgentSpec());
}

internal sealed class AgentSpecValidator : AbstractValidator<AgentSpec>
{
    public AgentSpecValidator()
    {
        RuleFor(a => a.DisplayName).OptionalDisplayName();
        RuleFor(a => a.AgentId).OptionalAgentId();
    }
}
