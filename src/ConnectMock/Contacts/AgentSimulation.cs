using ConnectMock.Aws;

namespace ConnectMock.Contacts;

/// <summary>
/// A simulated agent, driven by tests through the control plane: it joins, writes, types, reads, invites, transfers
/// and leaves. Its leaving is one entry point (<see cref="Leave"/>) for whatever makes it leave: the control plane, or
/// a timer that disconnects it.
/// </summary>
internal sealed partial class AgentSimulation : IDisposable
{
    private readonly ChatSessions _chats;
    private readonly IContactStore _store;
    private readonly ILogger<AgentSimulation> _log;

    // A disconnect flow's end of each chat whose agent left, on the clock; the store forgetting a chat cancels its own.
    private readonly ChatDeadlines _disconnectFlows;

    public AgentSimulation(ChatSessions chats, IContactStore store, ILogger<AgentSimulation> log)
    {
        _chats = chats;
        _store = store;
        _log = log;
        _disconnectFlows = new ChatDeadlines(chats.Time, EndByDisconnectFlow);
        store.Forgotten += CancelDisconnectFlows;
    }

    /// <summary>An agent joins: participant.joined, and the contact's AgentInfo is this agent, connected now.</summary>
    /// <param name="contact">The contact.</param>
    /// <param name="displayName">The agent's name in the chat.</param>
    /// <param name="agentId">The agent's id in DescribeContact's AgentInfo; a new one when null.</param>
    public ChatMember Join(ChatContact contact, string displayName, string? agentId = null)
    {
        ActiveChat(contact);

        // An agent who takes the chat takes it from the disconnect flow too.
        CancelDisconnectFlow(contact.ContactId);
        var id = agentId ?? SecureRandom.NewGuid().ToString();
        return _chats.JoinUnlessPresent(
            contact.ContactId,
            ParticipantRoles.Agent,
            () => new ChatMember(SecureRandom.NewGuid(), displayName, ParticipantRoles.Agent),
            (current, now) => current.WithAgent(new AgentAssignment(id, now)));
    }

    public ChatItem Say(ChatContact contact, string contentType, string content)
    {
        var agent = Agent(contact);
        if (contentType == ChatContentTypes.Interactive)
        {
            RequireInteractive(contact);
            InteractiveTemplates.Check(content);
        }

        var item = new ChatItem(ChatSessions.NewItemId(), ChatEvents.Message, contentType, content, _chats.Time.GetUtcNow(), agent.Info, null);
        return _chats.Post(contact.ContactId, item).Item;
    }

    public ChatItem Signal(ChatContact contact, string contentType, string? content)
    {
        var agent = Agent(contact);
        return _chats.Post(contact.ContactId, _chats.EventItem(contact.ContactId, agent, contentType, content)).Item;
    }

    /// <summary>
    /// A chat receives interactive messages only when its StartChatContact declared them: its client said it can
    /// render them. Connect's flows do not send one to any other chat, so neither does the simulated agent or the bot.
    /// </summary>
    public static bool AcceptsInteractive(ChatContact contact) =>
        contact.Request.SupportedMessagingContentTypes?.Contains(ChatContentTypes.Interactive) == true;

    private static void RequireInteractive(ChatContact contact)
    {
        if (!AcceptsInteractive(contact))
        {
            var declared = contact.Request.SupportedMessagingContentTypes ?? [ChatContentTypes.Plain];
            throw AwsErrors.Of(AwsErrors.ValidationName,
                $"This chat cannot receive {ChatContentTypes.Interactive}: its StartChatContact did not declare it in SupportedMessagingContentTypes " +
                $"(it declared [{string.Join(", ", declared)}]).");
        }
    }

    /// <summary>
    /// The agent leaves the chat, as <paramref name="departure"/> says (<see cref="AgentDeparture"/>): participant.left,
    /// and the chat ends now, later (the disconnect flow, on a timer of the clock) or not at all. ConflictException
    /// when the chat ended or no agent is in it.
    /// </summary>
    public void Leave(Guid contactId, AgentDeparture departure)
    {
        var contact = _store.Find(contactId) ?? throw AwsErrors.ResourceNotFound(ChatService.ContactNotFoundMessage);
        var agent = Agent(contact);
        var endsNow = departure.EndChat && (departure.EndAfter is null || departure.EndAfter <= TimeSpan.Zero);
        _chats.Leave(contactId, agent, endsNow ? departure.EndReason : null, departure.Announcement);
        if (departure is { EndChat: true, EndAfter: { } endAfter } && endAfter > TimeSpan.Zero)
        {
            StartDisconnectFlow(contactId, endAfter);
        }
    }

    /// <summary>
    /// The agent transfers the chat (<see cref="AgentTransfer"/>): transfer.succeeded, the agent leaves and the next one
    /// joins, in one change; or transfer.failed and nothing else. Returns the agent who joined, if one did.
    /// </summary>
    public ChatMember? Transfer(ChatContact contact, AgentTransfer transfer)
    {
        var agent = Agent(contact);
        var now = _chats.Time.GetUtcNow();
        var next = transfer.NextAgent is { } name ? new ChatMember(SecureRandom.NewGuid(), name, ParticipantRoles.Agent) : null;
        var nextAgentId = transfer.NextAgentId ?? SecureRandom.NewGuid().ToString();
        var change = _chats.Apply(contact.ContactId, current =>
        {
            if (current.Chat is not { Ended: false } chat || chat.Member(agent.Id) is not { Left: false } present)
            {
                throw AwsErrors.Of(AwsErrors.ConflictName, "No agent is in the chat: make one join first.");
            }

            if (transfer.Fails)
            {
                return ContactEdit.Post(ChatSessions.NewEvent(ChatEvents.TransferFailed, null, now));
            }

            var transferred = current.UpdatedAt(now);
            if (transfer.QueueId is { } queue)
            {
                transferred = transferred.WithQueue(new QueueAssignment(queue, now));
            }

            chat = chat.With(present with { Left = true });
            List<ChatItem> items = [ChatSessions.NewEvent(ChatEvents.TransferSucceeded, null, now), ChatSessions.NewEvent(ChatEvents.Left, present.Info, now)];
            if (next is not null)
            {
                chat = chat.With(next);
                transferred = transferred.WithAgent(new AgentAssignment(nextAgentId, now));
                items.Add(ChatSessions.NewEvent(ChatEvents.Joined, next.Info, now));
            }

            return new ContactEdit(transferred.WithChat(chat), items);
        });
        return change?.Contact.Chat?.Present(ParticipantRoles.Agent);
    }

    /// <summary>
    /// The agent invites someone (a supervisor, another agent) to the chat: participant.invited, from the invitee (its
    /// display name and a new participant id, role AGENT). The invitee does not join by this; a transfer makes an agent join.
    /// </summary>
    public ChatItem Invite(ChatContact contact, string displayName)
    {
        Agent(contact);
        var now = _chats.Time.GetUtcNow();
        var invitee = new ChatParticipantInfo(SecureRandom.NewGuid(), displayName, ParticipantRoles.Agent);
        var change = _chats.Apply(contact.ContactId, current =>
            current.Chat is { Ended: false } ? new ContactEdit(current.UpdatedAt(now), [ChatSessions.NewEvent(ChatEvents.Invited, invitee, now)]) : null);
        return change is { Posted: [var posted, ..] } ? posted : throw AwsErrors.Of(AwsErrors.ConflictName, "The chat has ended.");
    }

    public void Dispose()
    {
        _store.Forgotten -= CancelDisconnectFlows;
        _disconnectFlows.ClearAll();
    }

    private void StartDisconnectFlow(Guid contactId, TimeSpan endAfter) => _disconnectFlows.Set(contactId, _chats.Time.GetUtcNow() + endAfter);

    private void EndByDisconnectFlow(Guid contactId)
    {
        _disconnectFlows.Clear(contactId);
        try
        {
            _chats.End(contactId, AgentDeparture.ContactFlowDisconnect);
        }
        catch (Exception ex)
        {
            // A timer's callback has no caller to report to: a failure is logged, never thrown into the timer.
            LogDisconnectFlowFailed(ex, contactId);
        }
    }

    private void CancelDisconnectFlow(Guid contactId) => _disconnectFlows.Clear(contactId);

    private void CancelDisconnectFlows(IReadOnlyList<Guid> contactIds)
    {
        foreach (var contactId in contactIds)
        {
            CancelDisconnectFlow(contactId);
        }
    }

    private ChatState ActiveChat(ChatContact contact)
    {
        var started = _chats.Start(contact);
        return started.Chat is not { Ended: false } chat || started.StateAt(_chats.Time.GetUtcNow()) == ContactState.Ended
            ? throw AwsErrors.Of(AwsErrors.ConflictName, "The chat has ended.")
            : chat;
    }

    /// <summary>The agent present in an active chat; ConflictException when the chat ended or no agent joined.</summary>
    public ChatMember Agent(ChatContact contact) =>
        ActiveChat(contact).Present(ParticipantRoles.Agent) ?? throw AwsErrors.Of(AwsErrors.ConflictName, "No agent is in the chat: make one join first.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "The disconnect flow of chat {ContactId} could not end it")]
    private partial void LogDisconnectFlowFailed(Exception exception, Guid contactId);
}
