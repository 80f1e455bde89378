using ConnectMock.Instances;
using FluentValidation;

namespace ConnectMock.ControlPlane;

/// <summary>The body of <c>PUT /_connectmock/instances/{instanceId}</c>.</summary>
/// <param name="ContactFlowIds">The instance's flows; any flow is accepted when empty or left out.</param>
/// <param name="MaxConcurrentActiveChats">The quota of concurrent active chats; none when left out.</param>
internal sealed record InstanceSpec(IReadOnlyList<string>? ContactFlowIds = null, int? MaxConcurrentActiveChats = null)
{
    public static ValueTask<InstanceSpec> BindAsync(HttpContext http) =>
        ControlPlaneJson.ReadAsync(http, ControlPlaneJsonContext.Default.InstanceSpec, new InstanceSpec());
}

/// <summary>The body's part of the rules of a declared instance (<see cref="InstanceRules"/>); the id is the path's.</summary>
internal sealed class InstanceSpecValidator : AbstractValidator<InstanceSpec>
{
    public InstanceSpecValidator() => InstanceRules.FlowsAndQuota(
        this,
        i => i.ContactFlowIds, "contactFlowIds",
        i => i.MaxConcurrentActiveChats, "maxConcurrentActiveChats");
}
