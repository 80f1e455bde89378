using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ConnectMock.ControlPlane;

internal sealed class ControlPlaneGuardMiddleware(RequestDelegate next, IOptions<ControlPlaneOptions> options)
{
    private readonly HostAllowList _hosts = new(options.Value.AllowedHosts);

    // Hashes, so that comparing them takes the same time whatever the length or content of what was sent.
    private readonly byte[]? _keyHash = options.Value.RequiresKey ? SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ApiKey!)) : null;

    public Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<ControlPlaneGuard.GuardedEndpoint>() is not { } guarded)
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

        if (_keyHash is not null && !keyed && guarded.NeedsKey)
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
