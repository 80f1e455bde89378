using System.Globalization;

namespace ConnectMock.Hosting;

/// <summary>
/// <c>ConnectMock --healthcheck</c>: GET /health of a ConnectMock already running on this machine, exit 0 when it
/// answers 200 and 1 otherwise. It lets the container image define a HEALTHCHECK without shipping curl or wget.
/// It reads only the settings that say where the server listens and never builds the web host, so it stays fast.
/// </summary>
internal static class HealthCheckCommand
{
    public const string Argument = "--healthcheck";

    /// <summary>Shorter than the image's HEALTHCHECK --timeout, so a hung server is reported by us, not killed by Docker.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(4);

    public static bool IsRequested(string[] args) => args.Contains(Argument, StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        Uri url;
        try
        {
            url = HealthUrl(ListenConfiguration(args));
        }
        catch (FormatException invalid)
        {
            await output.WriteLineAsync($"unhealthy: {invalid.Message}");
            return 1;
        }

        using var timeout = new CancellationTokenSource(Timeout);
        // Never through an HTTP_PROXY from the environment: the server is on this machine.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        try
        {
            using var response = await http.GetAsync(url, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var healthy = response.IsSuccessStatusCode;
            await output.WriteLineAsync($"{(healthy ? "healthy" : "unhealthy")}: GET {url} answered {(int)response.StatusCode} {body}");
            return healthy ? 0 : 1;
        }
        catch (Exception failure) when (failure is HttpRequestException or OperationCanceledException)
        {
            var reason = failure is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds} s" : failure.Message;
            await output.WriteLineAsync($"unhealthy: GET {url} failed: {reason}");
            return 1;
        }
    }

    /// <summary>
    /// The sources the web host reads its addresses from, in the same order of precedence (appsettings.json,
    /// environment variables with and without the DOTNET_/ASPNETCORE_ prefixes, then the command line).
    /// </summary>
    private static IConfiguration ListenConfiguration(string[] args) => new ConfigurationBuilder()
        .AddEnvironmentVariables("DOTNET_")
        .AddEnvironmentVariables("ASPNETCORE_")
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine([.. args.Where(arg => arg != Argument)])
        .Build();

    /// <summary>
    /// The /health address of the first HTTP endpoint, chosen as Kestrel does: <c>urls</c> wins over
    /// <c>http_ports</c>, and <see cref="ConnectMockHosting.DefaultUrl"/> applies when neither is set.
    /// A wildcard host (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) is reached through 127.0.0.1.
    /// </summary>
    public static Uri HealthUrl(IConfiguration config)
    {
        var urls = Split(config["urls"]);
        var ports = Split(config["http_ports"]);
        string listen;
        if (urls.Length > 0)
        {
            listen = urls.FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
                ?? throw new FormatException($"no http:// address among urls '{config["urls"]}'; the health check does not speak HTTPS");
        }
        else if (ports.Length > 0)
        {
            listen = $"http://*:{ports[0]}";
        }
        else
        {
            listen = ConnectMockHosting.DefaultUrl;
        }

        // Kestrel accepts hosts that Uri rejects ('*', '+'); the port is all we need from them.
        var authority = listen["http://".Length..].Split('/')[0];
        var colon = authority.LastIndexOf(':');
        var host = colon > 0 && !authority.EndsWith(']') ? authority[..colon] : authority;
        var portText = colon > 0 && !authority.EndsWith(']') ? authority[(colon + 1)..] : "80";
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new FormatException($"cannot read a port from '{listen}'");
        }

        host = host is "*" or "+" or "0.0.0.0" or "[::]" or "" ? "127.0.0.1" : host;
        return new UriBuilder(Uri.UriSchemeHttp, host, port, ConnectMockHosting.HealthPath).Uri;
    }

    private static string[] Split(string? value) =>
        value?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
