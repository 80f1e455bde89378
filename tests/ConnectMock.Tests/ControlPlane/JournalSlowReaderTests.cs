using System.Net;
using System.Net.Sockets;
using System.Text;
using ConnectMock.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectMock.Tests.ControlPlane;

/// <summary>Over real Kestrel and TCP: clients that ask for bodies and then stop reading cannot keep the few places of body reads.</summary>
public sealed class JournalSlowReaderTests
{
    private const int MaxConcurrentBodyReads = 4;

    private sealed class ShortDeadlineApp : ConnectMockFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("ConnectMock:Journal:BodyReadTimeout", "00:00:01"),
            new("ConnectMock:Journal:MaxConcurrentBodyReads", $"{MaxConcurrentBodyReads}"),

            // A page far larger than what TCP buffers hold, so that a reader that does not read stays in the middle of it.
            new("ConnectMock:Journal:MaxPageBytes", $"{16 * 1024 * 1024}"),
        ];
    }

    [Fact]
    public async Task ReadersWithBodiesThatNeverRead_AreClosedAtTheDeadline_AndANormalReadWithBodiesThenSucceeds()
    {
        await using var app = new ShortDeadlineApp();
        app.UseKestrelOnAFreePort();
        app.StartServer();
        using var client = app.CreateClient();
        JournalPagingTests.FillWithLargeBodies(app.Journal, 300);
        var ct = TestContext.Current.CancellationToken;

        var hostages = new List<Socket>();
        try
        {
            for (var i = 0; i < MaxConcurrentBodyReads; i++)
            {
                hostages.Add(await StartReadThatNeverReadsAsync(app, client.BaseAddress!.Port, ct));
            }

            var read = await ReadWithBodiesUntilNotRefusedAsync(client, TimeSpan.FromSeconds(15));

            Assert.Equal(HttpStatusCode.OK, read.Status);
            var entry = Assert.Single(read.Json.GetProperty("requests").EnumerateArray());
            Assert.Equal("t299", entry.GetProperty("clientToken").GetString());
            Assert.True(entry.TryGetProperty("requestBody", out _));
            foreach (var hostage in hostages)
            {
                Assert.True(await ReceivedBeforeCloseAsync(hostage, ct) < 16 * 1024 * 1024, "a reader that never read was sent its whole page");
            }

            // Kestrel may close the connection as the write is cancelled, a moment before the handler logs why.
            var logged = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (!app.Logs.Events.Any(e => e.RenderMessage().Contains("journal with bodies took over", StringComparison.Ordinal)) && DateTime.UtcNow < logged)
            {
                await Task.Delay(20, ct);
            }

            Assert.Contains(app.Logs.Events, e => e.RenderMessage().Contains("journal with bodies took over", StringComparison.Ordinal));
        }
        finally
        {
            hostages.ForEach(s => s.Dispose());
        }
    }

    /// <summary>A read of the whole journal with bodies, from a client that takes the status line and nothing more.</summary>
    private static async Task<Socket> StartReadThatNeverReadsAsync(ConnectMockFactory app, int port, CancellationToken ct)
    {
        // A small receive window, as a client that stopped reading soon leaves.
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(IPAddress.Loopback, port, ct);
        var key = app.Services.GetRequiredService<IConfiguration>()[ConnectMockFactory.ApiKeySetting] is { Length: > 0 } k
            ? $"{ConnectMockFactory.ApiKeyHeader}: {k}\r\n"
            : "";
        await socket.SendAsync(
            Encoding.ASCII.GetBytes($"GET /_connectmock/requests?includeBodies=true&maxResults=1000 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{key}\r\n"), ct);

        // The status line shows that the read holds its place.
        var status = new byte["HTTP/1.1 200".Length];
        for (var read = 0; read < status.Length;)
        {
            var n = await socket.ReceiveAsync(status.AsMemory(read), ct);
            Assert.NotEqual(0, n);
            read += n;
        }

        Assert.Equal("HTTP/1.1 200", Encoding.ASCII.GetString(status));
        return socket;
    }

    private static async Task<WireResponse> ReadWithBodiesUntilNotRefusedAsync(HttpClient client, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        WireResponse read;
        while ((read = await client.ControlAsync(HttpMethod.Get, "/requests?includeBodies=true&maxResults=1")).Status == HttpStatusCode.TooManyRequests
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return read;
    }

    /// <summary>How many bytes arrive before the server ends the connection; fails the test if it never does.</summary>
    private static async Task<long> ReceivedBeforeCloseAsync(Socket socket, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        var received = 0L;
        try
        {
            int n;
            while ((n = await socket.ReceiveAsync(buffer, timeout.Token)) > 0)
            {
                received += n;
            }
        }
        catch (SocketException)
        {
            // Reset by the server: closed all the same.
        }

        return received;
    }
}
