using System.Text.Json;
using ConnectMock.Contacts;

namespace ConnectMock.Tests.Contacts;

/// <summary>
/// Requests for tests: the required members, the others set with <c>with</c>. Made from JSON rather than the
/// record's constructor, so that a member added to <see cref="ChatRequest"/> needs no edit in the tests.
/// </summary>
internal static class ChatRequests
{
    private static readonly ChatRequest Required = JsonSerializer.Deserialize(
        """{"InstanceId":"i","ContactFlowId":"f","ParticipantDetails":{"DisplayName":"Jane"}}""", ChatRequestJson.Default.ChatRequest)!;

    public static ChatRequest Of(string instanceId = "i", string contactFlowId = "f", string displayName = "Jane") =>
        Required with { InstanceId = instanceId, ContactFlowId = contactFlowId, ParticipantDetails = new(displayName) };
}
