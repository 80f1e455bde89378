using ConnectMock.Aws.Validation;
using FluentValidation;

namespace ConnectMock.ControlPlane;

/// <summary>The body of <c>POST /_connectmock/contacts/{contactId}/agent/transfer</c>.</summary>
/// <param name="DisplayName">The name of the agent who takes the chat; "Agent" when only agentId is given.</param>
/// <param name="AgentId">The id of the agent who takes the chat (DescribeContact's AgentInfo.Id); a new UUID when left out.</param>
/// <param name="QueueId">
/// The queue the chat is transferred to (DescribeContact's QueueInfo). Alone, with no displayName or agentId, the chat
/// waits in the queue with no agent until one joins (<c>POST .../agent</c>).
/// </param>
/// <param name="Fail">True: the transfer fails (transfer.failed), and the agent stays.</param>
internal sealed record AgentTransferSpec(string? DisplayName = null, string? AgentId = null, string? QueueId = null, bool? Fail = null)
{
    public static ValueTask<AgentTransferSpec> BindAsync(HttpContext http) =>
        ControlPlaneJson.ReadAsync(http, ControlPlaneJsonContext.Default.AgentTransferSpec, new AgentTransferSpec());

    /// <summary>The next agent's display name, or null when the chat goes to a queue with nobody to take it yet.</summary>
    public string? NextAgent => DisplayName ?? (AgentId is not null || QueueId is null ? "Agent" : null);
}

internal sealed class AgentTransferSpecValidator : AbstractValidator<AgentTransferSpec>
{
    public AgentTransferSpecValidator()
    {
        RuleFor(a => a.DisplayName).OptionalDisplayName();
        RuleFor(a => a.AgentId).OptionalAgentId();
        RuleFor(a => a.QueueId).OptionalId("queueId", AwsMemberLimits.QueueId, "QueueInfo.Id");
    }
}
