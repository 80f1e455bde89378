namespace ConnectMock.Contacts;

/// <summary>
/// A contact's chat after its start, as the store keeps it: who is in it, and whether its end has been announced
/// (chat.ended posted). The transcript is kept by the store beside the contact, not in it, so that a change of the
/// contact never copies the transcript.
/// </summary>
internal sealed record ChatState(IReadOnlyList<ChatMember> Members, bool Ended)
{
    /// <summary>
    /// Whether the customer has called CreateParticipantConnection: a chat whose customer has not, within
    /// <see cref="ChatContact.CustomerConnectWindow"/> of its start, ends.
    /// </summary>
    public bool CustomerConnected { get; init; }

    // Both are looked up on every call of a chat: indexed loops, without a closure or a boxed enumerator.
    public ChatMember? Member(Guid participantId)
    {
        for (var i = 0; i < Members.Count; i++)
        {
            if (Members[i].Id == participantId)
            {
                return Members[i];
            }
        }

        return null;
    }

    /// <summary>The participant of <paramref name="role"/> who is in the chat now, if any.</summary>
    public ChatMember? Present(string role)
    {
        for (var i = 0; i < Members.Count; i++)
        {
            if (Members[i].Role == role && !Members[i].Left)
            {
                return Members[i];
            }
        }

        return null;
    }

    /// <summary>The chat with <paramref name="member"/> added, or replacing the member of that id in its place.</summary>
    public ChatState With(ChatMember member) =>
        this with
        {
            Members = Members.Any(m => m.Id == member.Id) ? [.. Members.Select(m => m.Id == member.Id ? member : m)] : [.. Members, member],
        };
}
