using ConnectMock.Aws;

namespace ConnectMock.Contacts;

/// <summary>A simulated agent, driven by tests through the control plane: it joins, writes, types, reads, leaves.</summary>
internal sealed class AgentSimulation(ChatSessions chats)
{
    public ChatMember Join(ChatContact contact, string displayName)
    {
        ActiveChat(contact);
        return chats.JoinUnlessPresent(contact.ContactId, ParticipantRoles.Agent, () => new ChatMember(SecureRandom.NewGuid(), displayName, ParticipantRoles.Agent));
    }

    public ChatItem Say(ChatContact contact, string contentType, string content)
    {
        var agent = Agent(contact);
        if (contentType == ChatContentTypes.Interactive)
        {
            RequireInteractive(contact);
            InteractiveTemplates.Check(content);
        }

        var item = new ChatItem(ChatSessions.NewItemId(), ChatEvents.Message, contentType, content, chats.Time.GetUtcNow(), agent.Info, null);
        return chats.Post(contact.ContactId, item).Item;
    }

    public ChatItem Signal(ChatContact contact, string contentType, string? content)
    {
        var agent = Agent(contact);
        return chats.Post(contact.ContactId, chats.EventItem(contact.ContactId, agent, contentType, content)).Item;
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

    public void Leave(ChatContact contact) => chats.Leave(contact.ContactId, Agent(contact));

    private ChatState ActiveChat(ChatContact contact)
    {
        var started = chats.Start(contact);
        return started.Chat is not { Ended: false } chat || started.StateAt(chats.Time.GetUtcNow()) == ContactState.Ended
            ? throw AwsErrors.Of(AwsErrors.ConflictName, "The chat has ended.")
            : chat;
    }

    /// <summary>The agent present in an active chat; ConflictException when the chat ended or no agent joined.</summary>
    public ChatMember Agent(ChatContact contact) =>
        ActiveChat(contact).Present(ParticipantRoles.Agent) ?? throw AwsErrors.Of(AwsErrors.ConflictName, "No agent is in the chat: make one join first.");
}
