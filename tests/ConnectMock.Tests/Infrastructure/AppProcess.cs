using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ConnectMock.Tests.Infrastructure;

/// <summary>
/// The built app as a separate process on Kestrel, configured only through environment variables and
/// arguments, the way users start it.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>The process id, for reading its memory from /proc.</summary>
    public int Id => _process.Id;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public IReadOnlyList<string> Output => [.. _output];

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static AppProcess Start(IReadOnlyDictionary<string, string>? environment = null, params string[] arguments) =>
        StartIn(AppContext.BaseDirectory, environment, arguments);

    /// <summary>Listening on <paramref name="host"/> (0.0.0.0, *, localhost...) at a free port, served on 127.0.0.1 too.</summary>
    public static AppProcess StartOn(string host, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        return StartIn(AppContext.BaseDirectory, port, environment, ["--urls", $"http://{host}:{port}"]);
    }

    public static AppProcess StartIn(string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments) =>
        StartIn(workingDirectory, FreePort(), environment, arguments);

    private static AppProcess StartIn(string workingDirectory, int port, IReadOnlyDictionary<string, string>? environment, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ConnectMock.dll"));
        if (!arguments.Contains("--urls"))
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{port}");
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new AppProcess(Process.Start(start)!, port);
    }

    /// <summary>Waits until /health answers 200; false when the process exits first or time runs out.</summary>
    public async Task<bool> WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await client.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !TestContext.Current.CancellationToken.IsCancellationRequested))
            {
                // Not listening yet, or too busy to answer within the poll timeout.
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return false;
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits for an output line that satisfies <paramref name="predicate"/> (logs are written asynchronously).</summary>
    public async Task<string?> WaitForOutputAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_output.FirstOrDefault(predicate) is { } line)
            {
                return line;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return null;
    }

    /// <summary>Sends SIGTERM, as docker stop and systemd do.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
