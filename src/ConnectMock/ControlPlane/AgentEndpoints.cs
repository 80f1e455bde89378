using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConnectMock.Aws;
using ConnectMock.Contacts;
using ConnectMock.Participant;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectMock.ControlPlane;

/// <summary>Drives a chat from the agent's side, for tests; and shows its transcript.</summary>
internal static class AgentEndpoints
{
    public static void MapAgentEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/contacts/{contactId}/transcript", Transcript).WithName("GetChatTranscript")
            .WithSummary("The chat's whole transcript, as its participants see it (Participant Service items).");
        group.MapPost("/contacts/{contactId}/agent", JoinAgent).WithName("JoinAgent")
            .WithSummary("An agent joins the chat (participant.joined reaches the customer).")
            .DocumentsJsonBody<AgentSpec>(new Dictionary<string, object> { ["agent"] = new AgentSpec("Alex (Agent)", "b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d") });
        group.MapPost("/contacts/{contactId}/agent/messages", AgentSays).WithName("AgentSendMessage")
            .WithSummary("The agent sends a message: text, or an interactive template (ListPicker, TimePicker, Panel, QuickReply, Carousel, " +
                "ViewResource) to a chat that declared application/vnd.amazonaws.connect.message.interactive; a malformed template is a 400 naming the member.")
            .DocumentsJsonBody<AgentMessageSpec>(new Dictionary<string, object>
            {
                ["text"] = new AgentMessageSpec("Hi, how can I help?"),
                ["list picker"] = new AgentMessageSpec(BotEndpoints.ExampleListPicker, ChatContentTypes.Interactive),
            });
        group.MapPost("/contacts/{contactId}/agent/events", AgentSignals).WithName("AgentSendEvent")
            .WithSummary("The agent types, or reads a message (a receipt reaches the customer).")
            .DocumentsJsonBody<AgentEventSpec>(new Dictionary<string, object>
            {
                ["typing"] = new AgentEventSpec("typing"),
                ["read"] = new AgentEventSpec("read", "<the id of the customer's message>"),
            });
        group.MapDelete("/contacts/{contactId}/agent", AgentLeaves).WithName("AgentLeave")
            .WithSummary("The agent leaves (participant.left). With no body, or endChat true, the chat ends with it (AGENT_DISCONNECT); with endAfter, " +
                "the disconnect flow ends it that long after (CONTACT_FLOW_DISCONNECT, on the clock); with endChat false the customer stays until something else ends it.")
            .DocumentsJsonBody<AgentLeaveSpec>(new Dictionary<string, object>
            {
                ["ends the chat"] = new AgentLeaveSpec(true),
                ["the customer stays"] = new AgentLeaveSpec(false),
                ["disconnect flow ends it in 2 minutes"] = new AgentLeaveSpec(true, "PT2M"),
            });
        group.MapPost("/contacts/{contactId}/agent/transfer", AgentTransfers).WithName("AgentTransfer")
            .WithSummary("The agent transfers the chat: transfer.succeeded, participant.left of the agent, participant.joined of the next one (or, for a " +
                "queue alone, nobody until an agent joins); with fail true, transfer.failed and the agent stays.")
            .DocumentsJsonBody<AgentTransferSpec>(new Dictionary<string, object>
            {
                ["to an agent"] = new AgentTransferSpec("Sam (Agent)"),
                ["to a queue"] = new AgentTransferSpec(QueueId: "a1b2c3d4-0000-4000-8000-000000000001"),
                ["fails"] = new AgentTransferSpec(Fail: true),
            });
        group.MapPost("/contacts/{contactId}/agent/invite", AgentInvites).WithName("AgentInvite")
            .WithSummary("The agent invites someone to the chat: participant.invited, from the invitee (chatjs's onParticipantInvited).")
            .DocumentsJsonBody<AgentInviteSpec>(new Dictionary<string, object> { ["supervisor"] = new AgentInviteSpec("Pat (Supervisor)") });
        group.MapPost("/contacts/{contactId}/end", End).WithName("EndChat")
            .WithSummary("Ends the chat as StopContact does: chat.ended reaches everyone and their WebSockets close.");
    }

    // The Participant Service's shapes, with client text shown as the rest of the control plane shows it.
    private static readonly JsonTypeInfo<GetTranscriptResponse> TranscriptJson = (JsonTypeInfo<GetTranscriptResponse>)
        ClientTextConverter.Around(ParticipantJsonContext.Wire.Options).GetTypeInfo(typeof(GetTranscriptResponse));

    public static ContentHttpResult Transcript(IContactStore store, ChatSessions chats, string contactId)
    {
        var contact = Find(store, contactId);
        var items = chats.TranscriptOf(contact).Select(i => Item.From(i, contact.ContactId)).ToList();
        return TypedResults.Content(
            JsonSerializer.Serialize(new GetTranscriptResponse(contact.ContactId.ToString(), items, null), TranscriptJson),
            "application/json");
    }

    public static JsonHttpResult<AgentView> JoinAgent(IContactStore store, AgentSimulation agents, string contactId, AgentSpec agent)
    {
        var member = agents.Join(Find(store, contactId), agent.DisplayName ?? "Agent", agent.AgentId);
        return TypedResults.Json(View(member), ControlPlaneJsonContext.Default.AgentView, statusCode: StatusCodes.Status201Created);
    }

    public static JsonHttpResult<PostedItem> AgentSays(IContactStore store, AgentSimulation agents, string contactId, AgentMessageSpec message)
    {
        if (string.IsNullOrEmpty(message.Content))
        {
            throw ControlPlaneException.BadRequest("content is required.");
        }

        var contentType = message.ContentType ?? ChatContentTypes.Plain;
        if (!ChatContentTypes.AgentSendable.Contains(contentType))
        {
            throw ControlPlaneException.BadRequest($"contentType must be one of {string.Join(", ", ChatContentTypes.AgentSendable)}.");
        }

        // An interactive template's size is checked with its structure, by the domain.
        if (contentType != ChatContentTypes.Interactive
            && Aws.Validation.ConstraintText.CodePoints(message.Content) > ChatContentTypes.MaxContentLength(contentType))
        {
            throw ControlPlaneException.BadRequest($"content is longer than {ChatContentTypes.MaxContentLength(contentType)} characters, the limit for {contentType}.");
        }

        var item = agents.Say(Find(store, contactId), contentType, message.Content);
        return Posted(item);
    }

    public static JsonHttpResult<PostedItem> AgentSignals(IContactStore store, AgentSimulation agents, string contactId, AgentEventSpec signal)
    {
        var contentType = signal.FullContentType!;
        var content = signal.MessageId is null ? null : JsonSerializer.Serialize(new Dictionary<string, string> { ["messageId"] = signal.MessageId });
        return Posted(agents.Signal(Find(store, contactId), contentType, content));
    }

    public static NoContent AgentLeaves(IContactStore store, AgentSimulation agents, string contactId, AgentLeaveSpec leave)
    {
        agents.Leave(Find(store, contactId).ContactId, new AgentDeparture(leave.EndChat ?? true, AgentLeaveSpec.Duration(leave.EndAfter)));
        return TypedResults.NoContent();
    }

    public static JsonHttpResult<TransferResult> AgentTransfers(IContactStore store, AgentSimulation agents, string contactId, AgentTransferSpec transfer)
    {
        var fails = transfer.Fail == true;
        var next = agents.Transfer(Find(store, contactId), new AgentTransfer(transfer.NextAgent, transfer.AgentId, transfer.QueueId, fails));
        return TypedResults.Json(
            new TransferResult(fails ? "FAILED" : "SUCCEEDED", fails || next is null ? null : View(next)), ControlPlaneJsonContext.Default.TransferResult);
    }

    public static JsonHttpResult<PostedItem> AgentInvites(IContactStore store, AgentSimulation agents, string contactId, AgentInviteSpec invite) =>
        Posted(agents.Invite(Find(store, contactId), invite.DisplayName ?? "Supervisor"));

    public static NoContent End(IContactStore store, ChatSessions chats, string contactId)
    {
        chats.End(Find(store, contactId).ContactId, "API");
        return TypedResults.NoContent();
    }

    private static AgentView View(ChatMember member) => new(member.Id.ToString(), member.DisplayName);

    public static JsonHttpResult<PostedItem> Posted(ChatItem item) =>
        TypedResults.Json(new PostedItem(item.Id, item.AbsoluteTime), ControlPlaneJsonContext.Default.PostedItem, statusCode: StatusCodes.Status201Created);

    private static ChatContact Find(IContactStore store, string contactId) => ControlPlaneApi.FindContact(store, contactId);
}
