namespace ConnectMock.Contacts;

/// <summary>
/// The agent a contact is connected to, as DescribeContact's AgentInfo shows it: the agent's id (a user of the
/// instance, not its participant id in the chat) and when the contact was connected to that agent.
/// </summary>
internal sealed record AgentAssignment(string AgentId, DateTimeOffset ConnectedAt);
