using System.Globalization;
using ConnectMock.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectMock.Testing;

/// <summary>
/// ConnectMock running in the test process: the app's own composition (the same services and pipeline as the
/// container) on Kestrel, on a loopback port, so that real clients (the AWS SDKs, a browser, chatjs) reach it by URL.
/// Each server has its own services, so its own contacts, journal, faults, instances and clock: many can run side
/// by side. Dispose it to stop it and free its port.
/// </summary>
/// <example>
/// <code>
/// await using var mock = await ConnectMockServer.StartAsync();
/// var connect = new AmazonConnectClient(new BasicAWSCredentials("test", "test"),
///     new AmazonConnectConfig { ServiceURL = mock.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
/// </code>
/// </example>
public sealed class ConnectMockServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _stopped;

    private ConnectMockServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
        ControlPlane = new ConnectMockControlPlaneClient(endpoint, app.Configuration[ConnectMockSettings.ControlPlaneApiKey]);
    }

    /// <summary>Where the server answers, e.g. <c>http://127.0.0.1:41234/</c>: the AWS SDKs' <c>ServiceURL</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>A client of this server's control plane (with its API key, when one is set).</summary>
    public ConnectMockControlPlaneClient ControlPlane { get; }

    /// <summary>Starts a server with the app's defaults and <paramref name="options"/>; returns once it accepts connections.</summary>
    /// <exception cref="ConnectMockConfigurationException">A setting is invalid.</exception>
    public static async Task<ConnectMockServer> StartAsync(ConnectMockServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ConnectMockServerOptions();
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "Port must be from 0 (a free port) to 65535.");
        }

        // "Testing": the app then leaves the process-wide Serilog logger alone, which a second server would replace.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = "Testing",
            ApplicationName = typeof(ConnectMockHosting).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Only the app's defaults and these options: a test must not change behaviour with the machine's environment
        // variables (ASPNETCORE_URLS, ConnectMock__...) or with an appsettings.json of the test project.
        builder.Configuration.Sources.Clear();
        using (var defaults = typeof(ConnectMockServer).Assembly.GetManifestResourceStream("ConnectMock.appsettings.json")
            ?? throw new InvalidOperationException("ConnectMock.Testing is built without the app's appsettings.json."))
        {
            builder.Configuration.AddJsonStream(CopyOf(defaults));
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = options.MinimumLogLevel,
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = options.MinimumLogLevel,
        });
        builder.Configuration.AddInMemoryCollection(options.Settings);
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{options.Port}"));
        builder.AddConnectMock();

        var app = builder.Build();
        try
        {
            ConfigurationCheck.Validate(app);
            app.UseConnectMock();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ConfigurationCheck.Describe(ex) is { } problem)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new ConnectMockConfigurationException(problem, ex);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var port = new Uri(address).Port;
        return new ConnectMockServer(app, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")));
    }

    /// <summary>Stops the server: open chat sockets are closed, and the port is free once this returns.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            try
            {
                await _app.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ControlPlane.Dispose();
                await _app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    // The JSON provider reads its stream after this method returns; a copy owns its bytes.
    private static MemoryStream CopyOf(Stream stream)
    {
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }
}
