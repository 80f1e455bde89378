using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ConnectMock.ControlPlane;

/// <summary>
/// Warns once at start when other machines can reach a control plane that needs no key. It reads the addresses
/// Kestrel actually bound, so a host name typo in --urls (which Kestrel binds to every interface) is caught too.
/// Runs after the server started and before "Application started" is logged.
/// </summary>
internal sealed partial class ControlPlaneExposureWarning(
    IServer server, IOptions<ControlPlaneOptions> options, ILogger<ControlPlaneExposureWarning> log) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var plane = options.Value;
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(address => !IsLoopback(address)).ToList();
        if (plane.Enabled && !plane.RequiresKey && exposed.Count > 0)
        {
            LogExposed(string.Join(", ", exposed));
        }

        return Task.CompletedTask;
    }

    /// <summary>Whether only this machine can connect: a loopback address, localhost or a Unix socket.</summary>
    public static bool IsLoopback(string address)
    {
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }

        if (binding.IsUnixPipe || binding.IsNamedPipe)
        {
            return true;
        }

        var host = binding.Host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "The control plane (/_connectmock) is reachable from other machines at {Addresses} and needs no key: anyone who can " +
        "connect can read participant tokens and change the mock. Set ConnectMock:ControlPlane:ApiKey " +
        "(environment: ConnectMock__ControlPlane__ApiKey), listen on 127.0.0.1 only, or set ConnectMock:ControlPlane:Enabled=false.")]
    private partial void LogExposed(string addresses);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
