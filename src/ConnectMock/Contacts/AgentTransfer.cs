namespace ConnectMock.Contacts;

/// <summary>
/// A transfer of a chat by its agent (<see cref="AgentSimulation.Transfer"/>). When it succeeds the chat hears
/// transfer.succeeded, the agent leaves (participant.left) and, when <see cref="NextAgent"/> is given, that agent joins
/// (participant.joined) and becomes the contact's AgentInfo. A transfer to a queue with no next agent leaves the
/// customer waiting in <see cref="QueueId"/> until an agent joins. When it fails the chat hears transfer.failed and
/// the agent stays.
/// </summary>
/// <param name="NextAgent">The agent who takes the chat (display name), or null when it waits in a queue.</param>
/// <param name="NextAgentId">The next agent's id in DescribeContact's AgentInfo; a new one when null.</param>
/// <param name="QueueId">The queue the chat is transferred to, shown as DescribeContact's QueueInfo; null for a transfer to an agent.</param>
/// <param name="Fails">Whether the transfer fails (transfer.failed).</param>
internal sealed record AgentTransfer(string? NextAgent, string? NextAgentId, string? QueueId, bool Fails);
