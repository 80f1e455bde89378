using System.ComponentModel.DataAnnotations;

namespace ConnectMock.Resources;

/// <summary>
/// Known Connect resources. Section <c>ConnectMock:Resources</c>, optionally extended by a JSON seed file of the
/// same shape. With no instance declared every id is accepted; once one is declared, ids are checked.
/// </summary>
public sealed class ResourceOptions
{
    public const string Section = "ConnectMock:Resources";

    /// <summary>A JSON file read at start: <c>{"Instances":[{"Id":"...","ContactFlowIds":["..."]}]}</c>.</summary>
    public string? SeedFile { get; set; }

    public List<InstanceResource> Instances { get; set; } = [];

    /// <summary>Why the seed file could not be read, for start-up validation to report.</summary>
    internal string? SeedFileError { get; set; }
}

/// <summary>A Connect instance the mock knows, with its contact flows and its chat quota.</summary>
public sealed class InstanceResource
{
    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string Id { get; set; } = "";

    /// <summary>The flows of the instance; when empty, any ContactFlowId is accepted for it.</summary>
    public List<string> ContactFlowIds { get; set; } = [];

    /// <summary>The quota of concurrent active chats; beyond it StartChatContact answers LimitExceededException.</summary>
    [Range(0, int.MaxValue)]
    public int? MaxConcurrentActiveChats { get; set; }
}
