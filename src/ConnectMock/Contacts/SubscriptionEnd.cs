namespace ConnectMock.Contacts;

/// <summary>Why a chat stopped delivering to a subscriber.</summary>
internal enum SubscriptionEnd
{
    ChatEnded,
    ParticipantLeft,
    Replaced,
}
