using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Hosting;

/// <summary>
/// Over real Kestrel, which begins a logging scope (the connection's id) around every connection: with ASP.NET Core's
/// per-request diagnostics quiet (the default), a request's log line carries no scope of the connection, which an
/// open chat socket would otherwise keep for its whole life; with them on, it does, as ASP.NET Core's own do.
/// </summary>
public sealed class ConnectionLogScopeTests
{
    [Fact]
    public async Task ByDefault_ARequestsLogLine_CarriesNoConnectionScope()
    {
        await using var app = new ConfiguredFactory();

        var line = await StartChatOverKestrelAsync(app);

        Assert.False(line.Properties.ContainsKey("ConnectionId"), string.Join(", ", line.Properties.Keys));
    }

    [Fact]
    public async Task WithAspNetCoreAtInformation_ARequestsLogLine_CarriesTheConnectionId()
    {
        await using var app = new ConfiguredFactory(("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Information"));

        var line = await StartChatOverKestrelAsync(app);

        Assert.True(line.Properties.ContainsKey("ConnectionId"), string.Join(", ", line.Properties.Keys));
    }

    private static async Task<Serilog.Events.LogEvent> StartChatOverKestrelAsync(ConnectMockFactory app)
    {
        app.UseKestrelOnAFreePort();
        app.StartServer();
        using var client = app.CreateClient();
        var response = await client.StartChatAsync(Requests.Minimal().ToJsonString());
        return await app.Logs.WaitForRequestEventAsync(response.RequestId);
    }

    private sealed class ConfiguredFactory(params (string Key, string Value)[] settings) : ConnectMockFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value));
    }
}
