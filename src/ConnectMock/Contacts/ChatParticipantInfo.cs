namespace ConnectMock.Contacts;

/// <summary>Who an item is from.</summary>
internal sealed record ChatParticipantInfo(Guid Id, string DisplayName, string Role);
