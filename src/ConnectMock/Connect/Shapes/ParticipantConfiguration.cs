namespace ConnectMock.Connect;

/// <summary>The configuration of the participant.</summary>
internal sealed class ParticipantConfiguration
{
    /// <summary>How responses are sent to the participant.</summary>
    /// <example>INCREMENTAL</example>
    public string? ResponseMode { get; set; }
}
