namespace ConnectMock.Contacts;

/// <summary>A participant of a chat as the contact keeps it: the customer from the start, an agent or a bot later.</summary>
internal sealed record ChatMember(Guid Id, string DisplayName, string Role, bool Left = false)
{
    public ChatParticipantInfo Info => new(Id, DisplayName, Role);
}
