using ConnectMock.Aws;

namespace ConnectMock.Contacts;

/// <summary>A simulated agent, driven by tests through the control plane: it joins, writes, types, reads, leaves.</summary>
internal sealed class AgentSimulation(ChatSessions chats)
{
    public ChatMember Join(ChatContact contact, string displayName)
    {
        var session = ActiveSession(contact);
        return chats.JoinUnlessPresent(session, ParticipantRoles.Agent, () => new ChatMember(SecureRandom.NewGuid(), displayName, ParticipantRoles.Agent));
    }

    public ChatItem Say(ChatContact contact, string contentType, string content)
    {
        var (session, agent) = Agent(contact);
        return chats.Post(session, new ChatItem(ChatSession.NewId(), ChatEvents.Message, contentType, content, chats.Time.GetUtcNow(), agent.Info, null)).Item;
    }

    public ChatItem Signal(ChatContact contact, string contentType, string? content)
    {
        var (session, agent) = Agent(contact);
        return chats.Post(session, ChatSessions.EventItem(session, agent, contentType, content, chats.Time.GetUtcNow())).Item;
    }

    public void Leave(ChatContact contact)
    {
        var (session, agent) = Agent(contact);
        chats.Leave(session, agent);
    }

    private ChatSession ActiveSession(ChatContact contact)
    {
        var session = chats.SessionOf(contact);
        return session.Ended || contact.StateAt(chats.Time.GetUtcNow()) == ContactState.Ended
            ? throw AwsErrors.Of(AwsErrors.ConflictName, "The chat has ended.")
            : session;
    }

    private (ChatSession, ChatMember) Agent(ChatContact contact)
    {
        var session = ActiveSession(contact);
        return (session, CurrentAgent(session) ?? throw AwsErrors.Of(AwsErrors.ConflictName, "No agent is in the chat: make one join first."));
    }

    private static ChatMember? CurrentAgent(ChatSession session) =>
        session.Members.FirstOrDefault(m => m.Role == ParticipantRoles.Agent && !m.Left);
}
