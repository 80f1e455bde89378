namespace ConnectMock.Instances;

/// <summary>
/// Known Connect resources. Section <c>ConnectMock:Resources</c>, optionally extended by a JSON seed file of the
/// same shape. With no instance declared every id is accepted; once one is declared, ids are checked.
/// </summary>
internal sealed class InstanceOptions
{
    public const string Section = "ConnectMock:Resources";

    /// <summary>A JSON file read at start: <c>{"Instances":[{"Id":"...","ContactFlowIds":["..."]}]}</c>.</summary>
    public string? SeedFile { get; set; }

    /// <summary>The instances declared in configuration; their rules are <see cref="InstanceRules"/>.</summary>
    public List<InstanceResource> Instances { get; set; } = [];

    /// <summary>The instances of the seed file, kept apart so that a problem names the file rather than a configuration key.</summary>
    internal List<InstanceResource> SeedFileInstances { get; } = [];

    /// <summary>Every declared instance; a seed-file instance replaces a configured one of the same id.</summary>
    internal IEnumerable<InstanceResource> Declared => Instances.Concat(SeedFileInstances);

    /// <summary>Why the seed file could not be read, for start-up validation to report.</summary>
    internal string? SeedFileError { get; set; }
}
