using ConnectMock.Contacts;
using ConnectMock.Contacts.Storage;
using ConnectMock.Contacts.Time;
using ConnectMock.ControlPlane;
using ConnectMock.ControlPlane.Faults;
using ConnectMock.Instances;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace ConnectMock.Tests.Infrastructure;

/// <summary>
/// The app in-process with a fake clock and a log sink the tests can read. Settings can be overridden per
/// factory, the way a user would through appsettings or environment variables.
/// </summary>
public class ConnectMockFactory : WebApplicationFactory<Program>
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public CapturingLogSink Logs { get; } = new();

    protected virtual string Environment => "Testing";

    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    private bool _kestrelOnAFreePort;

    /// <summary>
    /// Serves over real Kestrel and TCP, on a free loopback port given as the app's own <c>urls</c> setting. Not
    /// <c>UseKestrel(0)</c>: with a minimal-hosting app, the app's own <c>Run()</c> can start the server before the
    /// factory rewrites its addresses, which then throws "IServerAddressesFeature.Addresses cannot be modified after
    /// the server has started" (seen once in CI on a loaded machine, with the server up on the default 8080).
    /// </summary>
    public void UseKestrelOnAFreePort()
    {
        UseKestrel();
        _kestrelOnAFreePort = true;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        if (_kestrelOnAFreePort)
        {
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<ClockSource>();
            services.AddSingleton(new ClockSource(Clock));
            services.AddSingleton<ILogEventSink>(Logs);
            ConfigureServices(services);
        });
    }

    /// <summary>
    /// Clients send the control plane's API key when the app has one (e.g. from ConnectMock__ControlPlane__ApiKey in
    /// the environment), so the whole suite can run against a keyed server.
    /// </summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        if (Services.GetRequiredService<IConfiguration>()[ApiKeySetting] is { Length: > 0 } key)
        {
            client.DefaultRequestHeaders.Add(ApiKeyHeader, key);
        }
    }

    public const string ApiKeySetting = "ConnectMock:ControlPlane:ApiKey";

    public const string ApiKeyHeader = "X-ConnectMock-Api-Key";

    internal InMemoryContactStore Store => Services.GetRequiredService<InMemoryContactStore>();

    internal RequestJournal Journal => Services.GetRequiredService<RequestJournal>();

    internal FaultInjector Faults => Services.GetRequiredService<FaultInjector>();

    internal InstanceRegistry Resources => Services.GetRequiredService<InstanceRegistry>();

    internal BotTemplates BotTemplates => Services.GetRequiredService<BotTemplates>();

    /// <summary>Every test starts from an empty mock: no contacts, calls, faults, declared instances or log events, the bot's configured templates.</summary>
    public void Reset()
    {
        Services.GetRequiredService<IContactCatalog>().Clear();
        Journal.Remove();
        Faults.Remove();
        BotTemplates.Reset();
        Services.GetRequiredService<ConnectMockClock>().ReturnToRealTime();
        foreach (var instance in Resources.Instances)
        {
            Resources.Remove(instance.Id);
        }

        Logs.Clear();
    }
}
