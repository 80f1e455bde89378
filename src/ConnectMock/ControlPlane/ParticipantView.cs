using ConnectMock.Contacts;

namespace ConnectMock.ControlPlane;

/// <summary>A participant of a chat as the control plane shows it: who, in which role, and whether they are still in.</summary>
internal sealed record ParticipantView(string ParticipantId, string DisplayName, string ParticipantRole, bool Left, bool Joined)
{
    public static ParticipantView From(ChatMember member) =>
        new(member.Id.ToString(), member.DisplayName, member.Role, member.Left, member.Joined);
}
