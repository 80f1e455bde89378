using System.Text.Json.Serialization;
using ConnectMock.Aws;

namespace ConnectMock.Connect;

/// <summary>If this contact was queued, information about the queue: here, the queue a transfer placed it in.</summary>
/// <param name="Id">The unique identifier for the queue.</param>
/// <param name="EnqueueTimestamp">The timestamp when the contact was added to the queue.</param>
internal sealed record QueueInfo(
    string Id,
    [property: JsonConverter(typeof(EpochSecondsConverter))] DateTimeOffset EnqueueTimestamp);
