using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace ConnectMock.Tests.Infrastructure;

/// <summary>
/// A real redis-server (Debian's package, which tests/dotnet.sh installs) on a free loopback port with its own temp
/// directory and no persistence: one per test class, flushed by the tests, stopped and started again by those that
/// show what a lost server does. Missing redis-server fails the tests that need it, with the way to install it.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private static readonly string[] Candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];
    private readonly string _directory = Directory.CreateTempSubdirectory("connectmock-redis-").FullName;
    private Process? _process;

    public int Port { get; } = AppProcess.FreePort();

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public ValueTask InitializeAsync() => StartAsync();

    /// <summary>Starts the server (again, after <see cref="Stop"/>) and waits until it answers.</summary>
    public async ValueTask StartAsync()
    {
        var executable = Candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "redis-server is not installed: the Redis store's tests need Debian's redis-server (apt-get install redis-server; tests/dotnet.sh installs it).");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory,
            "--save", string.Empty, "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await AnswersAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port} (exit code {(_process.HasExited ? _process.ExitCode : null)}).");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server, as a crash or a lost network would take it away.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false } running)
        {
            running.Kill();
            running.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Empties the server's database: each test starts from nothing.</summary>
    public async Task FlushAsync() => Assert.Equal("+OK", await CommandAsync("FLUSHALL"));

    public ValueTask DisposeAsync()
    {
        Stop();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            return await CommandAsync("PING") == "+PONG";
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>One inline command over RESP, its one-line reply.</summary>
    private async Task<string> CommandAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync() ?? string.Empty;
    }
}
