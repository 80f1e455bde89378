namespace ConnectMock.Contacts;

/// <summary>A participant of a chat as the contact keeps it: the customer from the start, an agent or a bot later.</summary>
internal sealed record ChatMember(Guid Id, string DisplayName, string Role, bool Left = false)
{
    public ChatParticipantInfo Info => new(Id, DisplayName, Role);

    /// <summary>
    /// The secret of the participant token that CreateParticipant handed out for this participant; null for the
    /// customer (whose secret is the contact's own) and for participants that ConnectMock plays (agent, bot).
    /// </summary>
    public ChatTokens.ParticipantSecret? Secret { get; init; }

    /// <summary>The ClientToken of the CreateParticipant call that added this participant: a repeat returns it.</summary>
    public string? ClientToken { get; init; }

    /// <summary>When CreateParticipant added this participant (it must connect within a window of that).</summary>
    public DateTimeOffset? AddedAt { get; init; }

    /// <summary>
    /// Whether participant.joined was posted for this participant: at once for those who join by themselves, at the
    /// first CreateParticipantConnection for one that CreateParticipant added.
    /// </summary>
    public bool Joined { get; init; } = true;
}
