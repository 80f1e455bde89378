namespace ConnectMock.Contacts;

/// <summary>
/// How the agent leaves a chat (<see cref="AgentSimulation.Leave"/>). Amazon Connect runs the disconnect flow when the
/// agent disconnects: the customer stays in the chat and can still send until the flow, a timer or the customer ends
/// it. <see cref="EndChat"/> without <see cref="EndAfter"/> is the chat with no disconnect flow, which ends with the
/// agent (AGENT_DISCONNECT); with <see cref="EndAfter"/> the disconnect flow ends it that long after
/// (CONTACT_FLOW_DISCONNECT); without <see cref="EndChat"/> the chat goes on until something else ends it.
/// </summary>
/// <param name="EndChat">Whether the chat ends because the agent left (at once, or after <paramref name="EndAfter"/>).</param>
/// <param name="EndAfter">How long the disconnect flow keeps the customer in the chat before ending it.</param>
/// <param name="Announcement">
/// The content type of an event posted from the agent just before participant.left, such as
/// participant.autodisconnection when a timer removes the agent; null for none.
/// </param>
/// <param name="EndReason">DescribeContact's DisconnectReason when the chat ends at once with the agent.</param>
internal sealed record AgentDeparture(bool EndChat, TimeSpan? EndAfter = null, string? Announcement = null, string EndReason = AgentDeparture.AgentDisconnect)
{
    /// <summary>The agent leaves and the chat ends with it: what DELETE .../agent did before the disconnect flow was modelled.</summary>
    public static readonly AgentDeparture EndingTheChat = new(EndChat: true);

    /// <summary>What DescribeContact's DisconnectReason says when the agent's leaving ends the chat at once.</summary>
    public const string AgentDisconnect = "AGENT_DISCONNECT";

    /// <summary>
    /// An auto-disconnect timer removed the agent: participant.autodisconnection, participant.left, and the chat ends
    /// as with any agent leaving without a disconnect flow, with the contact record's reason for an idle timeout.
    /// </summary>
    public static readonly AgentDeparture IdleDisconnection = new(EndChat: true, Announcement: ChatEvents.AutoDisconnection, EndReason: "IDLE_DISCONNECT");

    /// <summary>What it says when the disconnect flow ends the chat after the agent left.</summary>
    public const string ContactFlowDisconnect = "CONTACT_FLOW_DISCONNECT";
}
