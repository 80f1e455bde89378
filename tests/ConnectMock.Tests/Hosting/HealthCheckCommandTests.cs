using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ConnectMock.Hosting;
using ConnectMock.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace ConnectMock.Tests.Hosting;

/// <summary><c>--healthcheck</c>, the container's HEALTHCHECK: probes a real Kestrel server over TCP.</summary>
public sealed class HealthCheckCommandTests
{
    [Fact]
    public async Task HealthCheck_ConnectMockListening_ExitsZero()
    {
        await using var app = await StartWarmServerAsync();
        var output = new StringWriter();

        var exitCode = await HealthCheckCommand.RunAsync(["--healthcheck", "--urls", Address(app)], output);

        Assert.True(exitCode == 0, $"exit code {exitCode}: {output}"); // the command's own words, should it ever fail
        Assert.StartsWith("healthy: GET http://127.0.0.1:", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("/health answered 200 Healthy", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_NothingListening_ExitsOne()
    {
        var output = new StringWriter();

        var exitCode = await HealthCheckCommand.RunAsync(["--healthcheck", "--urls", $"http://127.0.0.1:{UnusedPort()}"], output);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("unhealthy: ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_ServerNeverAnswers_ExitsOneWithinTheTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var output = new StringWriter();
        var clock = Stopwatch.StartNew();

        var exitCode = await HealthCheckCommand.RunAsync(["--healthcheck", "--urls", $"http://127.0.0.1:{port}"], output);

        Assert.Equal(1, exitCode);
        Assert.Contains("no answer within", output.ToString(), StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, HealthCheckCommand.Timeout - TimeSpan.FromMilliseconds(100), HealthCheckCommand.Timeout + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Program_HealthCheckArgument_ProbesWithoutStartingTheWebHost()
    {
        await using var app = await StartWarmServerAsync();

        var (exitCode, output) = await RunConnectMockAsync("--healthcheck", "--urls", Address(app));

        Assert.True(exitCode == 0, output);
        Assert.StartsWith("healthy: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "http://localhost:8080/health")]
    [InlineData(null, "8080", "http://127.0.0.1:8080/health")]
    [InlineData(null, "5000;5001", "http://127.0.0.1:5000/health")]
    [InlineData("http://+:5000", "8080", "http://127.0.0.1:5000/health")]
    [InlineData("http://*:5000", null, "http://127.0.0.1:5000/health")]
    [InlineData("http://0.0.0.0:5000", null, "http://127.0.0.1:5000/health")]
    [InlineData("http://[::]:5000", null, "http://127.0.0.1:5000/health")]
    [InlineData("http://[::1]:5000", null, "http://[::1]:5000/health")]
    [InlineData("http://localhost", null, "http://localhost/health")]
    [InlineData("https://localhost:5001;http://localhost:5000/", null, "http://localhost:5000/health")]
    public void HealthUrl_ListenSettings_PointAtTheFirstHttpEndpoint(string? urls, string? httpPorts, string expected)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls, ["http_ports"] = httpPorts })
            .Build();

        Assert.Equal(new Uri(expected), HealthCheckCommand.HealthUrl(config));
    }

    [Theory]
    [InlineData("https://localhost:5001")]
    [InlineData("http://localhost:0")]
    [InlineData("http://localhost:port")]
    public async Task HealthCheck_NoProbeableAddress_ExitsOne(string urls)
    {
        var output = new StringWriter();

        var exitCode = await HealthCheckCommand.RunAsync(["--healthcheck", "--urls", urls], output);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("unhealthy: ", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A real Kestrel server that has already answered once: the first request to a new server pays for JIT
    /// compilation, which on a loaded machine can exceed the command's budget, and these tests are about the command.
    /// </summary>
    private static async Task<ConnectMockFactory> StartWarmServerAsync()
    {
        var app = new ConnectMockFactory();
        app.UseKestrelOnAFreePort();
        app.StartServer();
        using var warmUp = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        await warmUp.GetAsync($"{Address(app)}/health", TestContext.Current.CancellationToken);
        return app;
    }

    private static string Address(ConnectMockFactory app) => app.ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority);

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs the app's entry point as `dotnet ConnectMock.dll ARGS`, the way the image's HEALTHCHECK does.</summary>
    private static async Task<(int ExitCode, string Output)> RunConnectMockAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ConnectMock.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            // If the argument were ignored, the web host would start and never exit on its own.
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }
}
