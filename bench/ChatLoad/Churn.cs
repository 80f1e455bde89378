using System.Diagnostics;
using System.Text.Json;

namespace ConnectMock.Bench.ChatLoad;

/// <summary>
/// Chats started, used and ended continuously: each worker starts a chat, connects, opens and subscribes the
/// customer's socket (ping and heartbeat at once, as chatjs sends them on open), sends a message and waits for its
/// frame, disconnects (the chat ends) and waits for the server to close the socket. RSS is sampled throughout; after
/// the run the server's handles, its store (<c>/_connectmock/store</c>) and its clock's pending timers
/// (<c>/_connectmock/clock</c>) show whether anything was left behind.
/// </summary>
internal static class Churn
{
    public static async Task<int> RunAsync(Uri url, ServerProcess server, Options options)
    {
        var duration = TimeSpan.FromSeconds(options.Double("seconds", 120));
        var warmup = TimeSpan.FromSeconds(options.Double("warmup", 30));
        var workers = options.Int("workers", 16);
        var sample = TimeSpan.FromSeconds(options.Double("sample", 5));

        var control = new ChatApi(url);
        var timersBefore = await PendingTimersAsync(control);
        var handlesBefore = server.Handles;
        var socketsBefore = server.Sockets;
        var api = new ChatApi(url);
        var cycles = 0L;
        var failures = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();

        var sampling = Task.Run(async () =>
        {
            var samples = new List<(double At, long RssKb)>();
            while (Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(sample);
                samples.Add((Stopwatch.GetElapsedTime(started).TotalSeconds, server.RssKb));
                Report.Progress($"churn: {samples[^1].At:0} s, {Interlocked.Read(ref cycles)} chats, RSS {samples[^1].RssKb / 1024} MB");
            }

            return samples;
        });

        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            var n = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                try
                {
                    await OneChatAsync(api, $"churn-{worker}-{n++}-{Guid.NewGuid():N}");
                    Interlocked.Increment(ref cycles);
                }
                catch (Exception ex) when (ex is HttpRequestException or System.Net.WebSockets.WebSocketException or TimeoutException or TaskCanceledException)
                {
                    if (Interlocked.Increment(ref failures) <= 5)
                    {
                        Report.Progress($"churn: a chat failed: {ex.Message}");
                    }
                }
            }
        }));

        var samples = await sampling;
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        api.Dispose();

        // The server closes each socket after its chat ends; give the last ones, and the HTTP connections the client
        // just dropped, a moment to go.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var handlesAfter = server.Handles;
        var socketsAfter = server.Sockets;
        var afterWarmup = samples.Where(s => s.At >= warmup.TotalSeconds).Select(s => s.RssKb).ToList();
        var atWarmup = afterWarmup.Count > 0 ? afterWarmup[0] : server.RssKb;
        Report.Value("churn_chats", cycles);
        Report.Value("churn_chats_per_s", cycles / seconds);
        Report.Value("churn_rss_at_warmup_kb", atWarmup);
        Report.Value("churn_rss_max_after_warmup_kb", afterWarmup.Count > 0 ? afterWarmup.Max() : atWarmup);
        Report.Value("churn_rss_end_kb", samples.Count > 0 ? samples[^1].RssKb : server.RssKb);
        Report.Value("churn_rss_ratio", (afterWarmup.Count > 0 ? afterWarmup.Max() : atWarmup) / (double)atWarmup);
        Report.Value("churn_handles_before", handlesBefore);
        Report.Value("churn_handles_after", handlesAfter);
        Report.Value("churn_sockets_before", socketsBefore);
        Report.Value("churn_sockets_after", socketsAfter);
        Report.Value("churn_failures", failures);

        var store = await control.ControlPlaneAsync("store");
        if (store is not null)
        {
            using var json = JsonDocument.Parse(store);
            Report.Value("churn_store_contacts", json.RootElement.GetProperty("contacts").GetInt32());
            Report.Value("churn_store_bytes", json.RootElement.GetProperty("bytes").GetInt64());
            Report.Progress($"churn: store {store}");
        }

        var timersAfter = await PendingTimersAsync(control);
        if (timersBefore is not null && timersAfter is not null)
        {
            Report.Value("churn_timers_before", timersBefore.Value);
            Report.Value("churn_timers_after", timersAfter.Value);
        }

        return failures;
    }

    private static async Task OneChatAsync(ChatApi api, string clientToken)
    {
        var customer = await api.StartChatAsync(clientToken);
        var connection = await api.ConnectAsync(customer.ParticipantToken);
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var marker = $"churn#{Guid.NewGuid():N}";
        var markerBytes = System.Text.Encoding.UTF8.GetBytes(marker);
        await using var socket = await ChatSocket.OpenAsync(connection.WebSocketUrl, (frame, _) =>
        {
            if (frame.IndexOf(markerBytes) >= 0)
            {
                heard.TrySetResult();
            }
        }, heartbeat: true, CancellationToken.None);
        await api.SendMessageAsync(connection.ConnectionToken, marker);
        await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await api.DisconnectAsync(connection.ConnectionToken);
        await socket.Closed.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task<int?> PendingTimersAsync(ChatApi control)
    {
        var clock = await control.ControlPlaneAsync("clock");
        if (clock is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(clock);
        return json.RootElement.TryGetProperty("pendingTimers", out var timers) ? timers.GetInt32() : null;
    }
}
