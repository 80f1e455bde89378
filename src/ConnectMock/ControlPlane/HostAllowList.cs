using System.Net;

namespace ConnectMock.ControlPlane;

/// <summary>
/// The Host names the control plane answers. A DNS-rebinding page is served under a name its author controls in
/// public DNS, and the browser sends that name as Host; public DNS cannot serve IP literals, localhost names or
/// single-label names (Docker Compose service names such as <c>connectmock</c>), so those are allowed by default.
/// </summary>
internal sealed class HostAllowList(IReadOnlyCollection<string> configured)
{
    private readonly bool _any = configured.Contains("*");
    private readonly string[] _names = [.. configured.Where(e => !e.StartsWith('*')).Select(Normalize)];
    private readonly string[] _suffixes = [.. configured.Where(e => e.StartsWith("*.", StringComparison.Ordinal)).Select(e => Normalize(e[1..]))];

    public bool Allows(HostString host)
    {
        // Only HTTP/1.0 requests can lack a Host, and no browser sends those.
        if (!host.HasValue || _any)
        {
            return true;
        }

        var name = host.Host;
        if (name.StartsWith('['))
        {
            return IPAddress.TryParse(name.AsSpan(1, name.Length - 2), out _);
        }

        name = Normalize(name);
        return IPAddress.TryParse(name, out _)
            || !name.Contains('.', StringComparison.Ordinal)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || _names.Contains(name, StringComparer.OrdinalIgnoreCase)
            || _suffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A host name, *.name or *.</summary>
    public static bool IsValidEntry(string? entry) =>
        entry == "*"
        || (entry is { Length: > 0 } && Uri.CheckHostName(entry.StartsWith("*.", StringComparison.Ordinal) ? entry[2..] : entry) != UriHostNameType.Unknown);

    // "localhost." is localhost: a trailing dot only makes a name fully qualified.
    private static string Normalize(string name) => name.EndsWith('.') ? name[..^1] : name;
}
