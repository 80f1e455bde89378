using System.Collections.Frozen;
using ConnectMock.Aws;

namespace ConnectMock.ControlPlane;

/// <summary>
/// The names of the AWS operations this server answers, as the journal and faults name them: read from the routes
/// once, when first asked (the routes are all mapped by then), not on every read of the journal or fault checked.
/// </summary>
internal sealed class AwsOperationNames(EndpointDataSource endpoints)
{
    public const string Unknown = "Unknown";

    private readonly Lazy<(FrozenSet<string> Names, string Listed)> _names = new(() =>
    {
        string[] names = [.. endpoints.Endpoints.Select(e => e.Metadata.GetMetadata<AwsOperation>()?.Name).OfType<string>().Where(n => n != Unknown).Distinct().Order()];
        return (names.ToFrozenSet(), string.Join(", ", names));
    });

    public bool Contains(string name) => _names.Value.Names.Contains(name);

    /// <summary>The names in order (without <see cref="Unknown"/>).</summary>
    public IReadOnlyList<string> All => [.. _names.Value.Names.Order(StringComparer.Ordinal)];

    /// <summary>The names in order, separated by commas, for error messages.</summary>
    public string Listed => _names.Value.Listed;
}
