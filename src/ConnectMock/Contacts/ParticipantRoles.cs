namespace ConnectMock.Contacts;

/// <summary>Participant roles as the Participant Service spells them.</summary>
internal static class ParticipantRoles
{
    public const string Customer = "CUSTOMER";
    public const string Agent = "AGENT";
    public const string System = "SYSTEM";

    /// <summary>A custom participant that Amazon Connect's CreateParticipant adds to a chat.</summary>
    public const string CustomBot = "CUSTOM_BOT";
}
