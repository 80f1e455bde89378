using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectMock.ControlPlane;

/// <summary>Messages from the contact flow (SYSTEM), for tests of how a widget shows them.</summary>
internal static class FlowEndpoints
{
    /// <summary>What a flow's Send message block sends: text or markdown.</summary>
    public static readonly IReadOnlyList<string> ContentTypes = [ChatContentTypes.Plain, ChatContentTypes.Markdown];

    public static void MapFlowEndpoints(this RouteGroupBuilder group) =>
        group.MapPost("/contacts/{contactId}/flow/messages", FlowSays).WithName("FlowSendMessage")
            .WithSummary("The contact flow sends a message to the chat (ParticipantRole SYSTEM, DisplayName SYSTEM_MESSAGE; from the bot's participant " +
                "when the bot is in the chat): a queue position, \"you are being connected\".")
            .DocumentsJsonBody<AgentMessageSpec>(new Dictionary<string, object>
            {
                ["queue position"] = new AgentMessageSpec("You are number 2 in the queue."),
                ["connecting"] = new AgentMessageSpec("Thank you for waiting, you are being connected to an agent."),
            });

    public static JsonHttpResult<PostedItem> FlowSays(IContactStore store, FlowMessages flow, string contactId, AgentMessageSpec message)
    {
        if (string.IsNullOrEmpty(message.Content))
        {
            throw ControlPlaneException.BadRequest("content is required.");
        }

        var contentType = message.ContentType ?? ChatContentTypes.Plain;
        if (!ContentTypes.Contains(contentType))
        {
            throw ControlPlaneException.BadRequest($"contentType must be one of {string.Join(", ", ContentTypes)}.");
        }

        if (ConstraintText.CodePoints(message.Content) > ChatContentTypes.MaxContentLength(contentType))
        {
            throw ControlPlaneException.BadRequest($"content is longer than {ChatContentTypes.MaxContentLength(contentType)} characters, the limit for {contentType}.");
        }

        var contact = ControlPlaneApi.FindContact(store, contactId);
        return AgentEndpoints.Posted(flow.Say(contact, contentType, message.Content));
    }
}
