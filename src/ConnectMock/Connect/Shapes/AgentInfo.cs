using System.Text.Json.Serialization;
using ConnectMock.Aws;

namespace ConnectMock.Connect;

/// <summary>
/// Information about the agent who accepted the contact. Of the model's members a chat has the agent's id and when it
/// connected: AgentPauseDurationInSeconds is for contacts that can be paused (tasks), DeviceInfo and Capabilities for
/// calls, HierarchyGroups for an instance's agent hierarchy, which ConnectMock does not model.
/// </summary>
/// <param name="Id">The identifier of the agent who accepted the contact.</param>
/// <param name="ConnectedToAgentTimestamp">The timestamp when the contact was connected to the agent.</param>
internal sealed record AgentInfo(
    string Id,
    [property: JsonConverter(typeof(EpochSecondsConverter))] DateTimeOffset ConnectedToAgentTimestamp);
