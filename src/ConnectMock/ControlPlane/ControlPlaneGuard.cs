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

    /// <summary>
    /// Puts the web console's own files (its page, styles and scripts, which hold no data) behind the guard without the
    /// key: a browser cannot send a header when it opens a page, so the page asks for the key and sends it with each
    /// call it makes. Host names and other origins are refused as for the rest of the control plane.
    /// </summary>
    public static TBuilder RequireControlPlaneGuardWithoutKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(GuardedEndpoint.KeyNotNeeded);

    /// <summary>After routing (the endpoint must be known) and before anything that could act on the request.</summary>
    public static IApplicationBuilder UseControlPlaneGuard(this IApplicationBuilder app) => app.UseMiddleware<ControlPlaneGuardMiddleware>();

    internal sealed class GuardedEndpoint
    {
        public static readonly GuardedEndpoint Instance = new() { NeedsKey = true };

        public static readonly GuardedEndpoint KeyNotNeeded = new() { NeedsKey = false };

        /// <summary>Whether a configured API key must come with the request.</summary>
        public bool NeedsKey { get; private init; }
    }
}
