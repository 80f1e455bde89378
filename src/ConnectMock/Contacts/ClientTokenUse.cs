namespace ConnectMock.Contacts;

/// <summary>A participant's ClientToken of a post: the same participant's same token posts once per contact.</summary>
internal readonly record struct ClientTokenUse(Guid ParticipantId, string Token);
