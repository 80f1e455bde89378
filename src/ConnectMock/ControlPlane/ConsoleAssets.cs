using System.Collections.Frozen;
using System.Security.Cryptography;

namespace ConnectMock.ControlPlane;

/// <summary>
/// The web console's files (ControlPlane/Console: plain HTML, CSS and ES modules, no build step), embedded in the
/// assembly so that the one process serves them wherever it runs. Read once, at first use.
/// </summary>
internal static class ConsoleAssets
{
    /// <summary>Where the console lives under the control-plane prefix; <c>/</c> serves the same page.</summary>
    public const string Path = ControlPlaneApi.Prefix + "/console";

    public const string Page = "index.html";

    private const string ResourcePrefix = "console/";

    /// <summary>
    /// Everything the page may load comes from this server (no CDN, no fonts from elsewhere), no inline script can run,
    /// and no page of another origin may frame it (a framed console could be clicked into resetting or ending chats).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Lazy<FrozenDictionary<string, Asset>> Files = new(Load);

    internal sealed record Asset(string Name, byte[] Bytes, string ContentType, string ETag);

    /// <summary>The file of that name, or null.</summary>
    public static Asset? Find(string name) => Files.Value.GetValueOrDefault(name);

    public static IReadOnlyCollection<string> Names => Files.Value.Keys;

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var name = resource[ResourcePrefix.Length..];
            files[name] = new Asset(name, bytes, ContentTypeOf(name), $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"");
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => System.IO.Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".json" => "application/json",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
