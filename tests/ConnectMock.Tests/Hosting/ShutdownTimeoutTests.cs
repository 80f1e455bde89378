using ConnectMock.Hosting;
using ConnectMock.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConnectMock.Tests.Hosting;

/// <summary>A stop must finish inside the 10 s that <c>docker stop</c> waits, or the container is killed (exit 137).</summary>
public sealed class ShutdownTimeoutTests
{
    [Fact]
    public async Task ShutdownTimeout_NotConfigured_IsShorterThanDockerStopWaits()
    {
        await using var app = new ConnectMockFactory();

        var timeout = app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;

        Assert.Equal(ConnectMockHosting.DefaultShutdownTimeout, timeout);
        Assert.True(timeout < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ShutdownTimeout_ShutdownTimeoutSecondsSetting_Wins()
    {
        await using var app = new ConfiguredFactory(("shutdownTimeoutSeconds", "20"));

        var timeout = app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;

        Assert.Equal(TimeSpan.FromSeconds(20), timeout);
    }

    private sealed class ConfiguredFactory(params (string Key, string Value)[] settings) : ConnectMockFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value));
    }
}
