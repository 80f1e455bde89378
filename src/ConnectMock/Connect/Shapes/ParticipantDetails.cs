namespace ConnectMock.Connect;

/// <summary>Information identifying the participant.</summary>
internal sealed class ParticipantDetails
{
    /// <summary>Display name of the participant.</summary>
    /// <example>Jane Smith</example>
    public string? DisplayName { get; set; }
}
