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

    public ChatMember? Member(Guid participantId) => Members.FirstOrDefault(m => m.Id == participantId);

    /// <summary>The participant of <paramref name="role"/> who is in the chat now, if any.</summary>
    public ChatMember? Present(string role) => Members.FirstOrDefault(m => m.Role == role && !m.Left);

    /// <summary>The chat with <paramref name="member"/> added, or replacing the member of that id in its place.</summary>
    public ChatState With(ChatMember member) =>
        this with
        {
            Members = Members.Any(m => m.Id == member.Id) ? [.. Members.Select(m => m.Id == member.Id ? member : m)] : [.. Members, member],
        };
}
