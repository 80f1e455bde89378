using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ConnectMock.ControlPlane;

/// <summary>
/// Keeps web pages and other machines off the control plane. A browser lets any page send a "simple" cross-origin
/// request (form or text/plain body, no custom header) without asking the server first, and a DNS-rebinding page
/// can even read the answers; so the guard refuses non-JSON bodies, other origins, Host names that a public DNS
/// could serve (unless the request carries the key) and, when a key is configured, requests without it. Endpoints
/// opt in with <see cref="RequireControlPlaneGuard{TBuilder}"/>; <see cref="UseControlPlaneGuard"/> enforces it.
/// </summary>
internal static class ControlPlaneGuard
{
    /// <summary>The header that carries the API key (<c>Authorization: Bearer &lt;key&gt;</c> works as well).</summary>
    public const string ApiKeyHeader = "X-ConnectMock-Api-Key";

    /// <summary>Puts the endpoints behind the guard: the control-plane group, and any page or file that shows its data.</summary>
    public static TBuilder RequireControlPlaneGuard<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(GuardedEndpoint.Instance);

    /// <summary>After routing (the endpoint must be known) and before anything that could act on the request.</summary>
    public static IApplicationBuilder UseControlPlaneGuard(this IApplicationBuilder app) => app.UseMiddleware<ControlPlaneGuardMiddleware>();

    internal sealed class GuardedEndpoint
    {
        public static readonly GuardedEndpoint Instance = new();
    }
}

internal sealed class ControlPlaneGuardMiddleware(RequestDelegate next, IOptions<ControlPlaneOptions> options)
{
    private readonly HostAllowList _hosts = new(options.Value.AllowedHosts);

    // Hashes, so that comparing them takes the same time whatever the length or content of what was sent.
    private readonly byte[]? _keyHash = options.Value.RequiresKey ? SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ApiKey!)) : null;

    public Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<ControlPlaneGuard.GuardedEndpoint>() is null)
        {
            return next(http);
        }

        var request = http.Request;
        var keyed = _keyHash is not null && HasKey(request);

        // The Host check stops DNS-rebinding pages, which cannot know the key: a request that carries it comes from
        // someone who was given it, whatever name they reach ConnectMock by (a Docker network, a Kubernetes service).
        if (!keyed && !_hosts.Allows(request.Host))
        {
            return RefuseAsync(http, StatusCodes.Status403Forbidden,
                $"The control plane does not answer the host name '{request.Host.Host}' (a defense against DNS rebinding). " +
                $"If you reach ConnectMock by this name, add it to {ControlPlaneOptions.Section}:AllowedHosts " +
                $"(environment: ConnectMock__ControlPlane__AllowedHosts__0={request.Host.Host})" +
                (_keyHash is null ? "." : $", or send the API key in the {ControlPlaneGuard.ApiKeyHeader} header."));
        }

        if (CrossOrigin(request) is { } source)
        {
            return RefuseAsync(http, StatusCodes.Status403Forbidden,
                $"The control plane refuses requests from web pages of other origins ({source}). " +
                "Call it from test code, curl or Swagger UI on this server.");
        }

        if (_keyHash is not null && !keyed)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"ConnectMock control plane\"";
            return RefuseAsync(http, StatusCodes.Status401Unauthorized,
                $"The control plane needs its API key ({ControlPlaneOptions.Section}:ApiKey): send it in the {ControlPlaneGuard.ApiKeyHeader} " +
                "header or as Authorization: Bearer <key>.");
        }

        if (UnreadableBody(http) is { } sent)
        {
            return RefuseAsync(http, StatusCodes.Status415UnsupportedMediaType,
                $"The control plane reads JSON bodies only: send Content-Type: application/json (this request has {sent}).");
        }

        return next(http);
    }

    /// <summary>What shows that a page of another origin sent the request; null when nothing does.</summary>
    private static string? CrossOrigin(HttpRequest request)
    {
        // Sent by every current browser; "none" is a typed URL or a bookmark.
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site")
        {
            return $"Sec-Fetch-Site: {site}";
        }

        // Sent by browsers on every cross-origin request and on same-origin ones other than GET and HEAD.
        var origin = request.Headers.Origin;
        return origin.Count == 0 || IsSameOrigin(origin.ToString(), request) ? null : $"Origin: {origin}";
    }

    private static bool IsSameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.AbsolutePath == "/"
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
        && uri.Port == (request.Host.Port ?? (request.IsHttps ? 443 : 80));

    private bool HasKey(HttpRequest request)
    {
        foreach (var key in request.Headers[ControlPlaneGuard.ApiKeyHeader])
        {
            if (IsKey(key))
            {
                return true;
            }
        }

        const string bearer = "Bearer ";
        foreach (var authorization in request.Headers.Authorization)
        {
            if (authorization is not null && authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && IsKey(authorization[bearer.Length..].Trim()))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsKey(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _keyHash);

    /// <summary>
    /// How the body is not JSON, or null when it is, or when there is none. Forms and text/plain are what a page may
    /// send anywhere without asking; a body with no Content-Type at all is what fetch sends for a Blob.
    /// </summary>
    private static string? UnreadableBody(HttpContext http)
    {
        var type = http.Request.ContentType;
        if (type is null)
        {
            var hasBody = http.Request.ContentLength is { } length
                ? length > 0
                : http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? false;
            return hasBody ? "a body but no Content-Type" : null;
        }

        return MediaTypeHeaderValue.TryParse(type, out var media) && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"Content-Type: {type}";
    }

    private static Task RefuseAsync(HttpContext http, int status, string message) =>
        ControlPlaneErrorWriter.WriteAsync(http, status, message, http.RequestAborted);
}

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
