using System.Diagnostics;

namespace ConnectMock.Bench.ChatLoad;

/// <summary>
/// Open chats, idle then busy. Chats are opened as chatjs opens them (StartChatContact, CreateParticipantConnection,
/// the customer's socket subscribed and heartbeating) up to each stage (1,000 / 5,000 / 10,000); at each, after a
/// settling pause, the server's RSS and its CPU over an idle window (heartbeats only). Then a second participant (a
/// custom bot, added with CreateParticipant, connected with its own heartbeating socket) joins the first
/// <c>--bots</c> chats, and the customers of those chats send messages: at a fixed rate (delivery p50/p99 from the
/// SendMessage request to the frame on the bot's socket), then at rising rates, to find the highest whose p99 is
/// under 10 ms. With <c>--redis-pid</c> (connectmock-redis), the Redis server's CPU time over the same windows too:
/// Redis runs commands on one thread, so its CPU per message bounds what a cluster sharing it can deliver.
/// </summary>
internal static class OpenChats
{
    public static async Task<int> RunAsync(Uri url, ServerProcess server, ServerProcess? redis, Options options)
    {
        var stages = options.Ints("stages", "1000,5000,10000");
        var idle = TimeSpan.FromSeconds(options.Double("idle", 20));
        var settle = TimeSpan.FromSeconds(options.Double("settle", 5));
        var bots = options.Int("bots", 200);
        var rate = options.Double("rate", 500);
        var rateSeconds = options.Double("rate-seconds", 20);
        var ladderSeconds = options.Double("ladder-seconds", 6);
        var ladderMax = options.Double("ladder-max", 20000);
        var concurrency = options.Int("open-concurrency", 32);
        var run = options.Text("run", DateTime.UtcNow.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var api = new ChatApi(url);
        var failures = 0;
        var chats = new List<OpenChat>();
        var delivery = new Delivery();
        Report.Value("rss_empty_kb", server.RssKb);
        Report.Value("handles_empty", server.Handles);

        var openedBefore = 0;
        var previousRss = 0L;
        foreach (var stage in stages)
        {
            var watch = Stopwatch.StartNew();
            var added = await OpenCustomersAsync(api, chats, stage - chats.Count, concurrency, run);
            failures += added.Failures;
            Report.Progress($"{chats.Count} chats open ({added.Opened} in {watch.Elapsed.TotalSeconds:0.0} s, {added.Failures} failed)");
            Report.Value($"open_{stage}_per_s", added.Opened / watch.Elapsed.TotalSeconds);

            await Task.Delay(settle);
            var cpu = server.CpuSeconds;
            var redisCpu = redis?.CpuSeconds ?? 0;
            var answers = ChatSocket.Answers;
            var missed = ChatSocket.MissedAnswers;
            var started = Stopwatch.GetTimestamp();
            await Task.Delay(idle);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var rss = server.RssKb;
            Report.Value($"idle_{stage}_rss_kb", rss);
            Report.Value($"idle_{stage}_rss_per_chat_b", rss * 1024.0 / chats.Count);
            if (previousRss > 0)
            {
                // What each further chat costs, without the process's fixed share.
                Report.Value($"idle_{stage}_marginal_per_chat_b", (rss - previousRss) * 1024.0 / (chats.Count - openedBefore));
            }

            Report.Value($"idle_{stage}_cpu_pct", (server.CpuSeconds - cpu) / seconds * 100);
            if (redis is not null)
            {
                Report.Value($"idle_{stage}_redis_cpu_pct", (redis.CpuSeconds - redisCpu) / seconds * 100);
            }

            Report.Value($"idle_{stage}_answers_per_s", (ChatSocket.Answers - answers) / seconds);
            Report.Value($"idle_{stage}_missed_answers", ChatSocket.MissedAnswers - missed);
            Report.Value($"idle_{stage}_handles", server.Handles);
            Report.Progress($"idle at {chats.Count} chats: RSS {rss / 1024} MB, {rss * 1024.0 / chats.Count / 1024:0.0} KB per chat, CPU {(server.CpuSeconds - cpu) / seconds * 100:0.0}%");
            failures += (int)(ChatSocket.MissedAnswers - missed);
            previousRss = rss;
            openedBefore = chats.Count;
        }

        if (bots == 0)
        {
            Report.Value("peak_rss_kb", server.PeakRssKb);
            await Task.WhenAll(chats.Select(c => c.Socket.DisposeAsync().AsTask()));
            return failures;
        }

        var talking = await AddBotsAsync(api, chats.Take(Math.Min(bots, chats.Count)).ToList(), delivery, concurrency);
        failures += talking.Count < Math.Min(bots, chats.Count) ? 1 : 0;
        Report.Progress($"{talking.Count} chats have a bot's socket too");

        // The fixed rate: delivery times at 500 messages/s with every chat open.
        var fixedStep = await SendAtRateAsync(api, talking, delivery, rate, rateSeconds, server, redis);
        fixedStep.Report($"rate_{rate:0}");
        failures += fixedStep.Errors + fixedStep.Lost;

        // The highest rate whose p99 is under 10 ms: up by half each step until one fails, then halve the interval.
        double passed = 0, failed = double.NaN;
        var next = rate * 2;
        while (next <= ladderMax)
        {
            var step = await SendAtRateAsync(api, talking, delivery, next, ladderSeconds, server, redis);
            Report.Progress($"ladder {next:0}/s: p99 {step.P99Ms:0.00} ms, sent {step.AchievedRate:0}/s, lost {step.Lost}, errors {step.Errors}: {(step.Passed(next) ? "pass" : "fail")}");
            if (step.Passed(next))
            {
                passed = next;
            }
            else
            {
                failed = next;
            }

            if (double.IsNaN(failed))
            {
                next *= 1.5;
            }
            else if (failed - passed > Math.Max(100, passed * 0.08))
            {
                next = passed == 0 ? failed / 2 : (passed + failed) / 2;
            }
            else
            {
                break;
            }

            await Task.Delay(1000);
        }

        Report.Value("max_rate_p99_under_10ms", passed);
        Report.Value("open_sockets_at_end", chats.Count + talking.Count);
        Report.Value("peak_rss_kb", server.PeakRssKb);

        await Task.WhenAll(chats.Select(c => c.Socket.DisposeAsync().AsTask()).Concat(talking.Select(t => t.Bot.DisposeAsync().AsTask())));
        return failures;
    }

    private sealed record OpenChat(string ContactId, string ConnectionToken, ChatSocket Socket);

    private sealed record TalkingChat(OpenChat Chat, ChatSocket Bot);

    private static async Task<(int Opened, int Failures)> OpenCustomersAsync(ChatApi api, List<OpenChat> chats, int count, int concurrency, string run)
    {
        var next = 0;
        var failures = 0;
        var opened = 0;
        var gate = new Lock();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                try
                {
                    var customer = await api.StartChatAsync($"{run}-{Guid.NewGuid():N}");
                    var connection = await api.ConnectAsync(customer.ParticipantToken);
                    var socket = await ChatSocket.OpenAsync(connection.WebSocketUrl, null, heartbeat: true, CancellationToken.None);
                    lock (gate)
                    {
                        chats.Add(new OpenChat(customer.ContactId, connection.ConnectionToken, socket));
                        opened++;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or System.Net.WebSockets.WebSocketException or TimeoutException or TaskCanceledException)
                {
                    if (Interlocked.Increment(ref failures) <= 5)
                    {
                        Report.Progress($"opening a chat failed: {ex.Message}");
                    }
                }
            }
        }));
        return (opened, failures);
    }

    private static async Task<List<TalkingChat>> AddBotsAsync(ChatApi api, List<OpenChat> chats, Delivery delivery, int concurrency)
    {
        var talking = new List<TalkingChat>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < chats.Count)
            {
                try
                {
                    var bot = await api.AddBotAsync(chats[i].ContactId);
                    var connection = await api.ConnectAsync(bot.ParticipantToken);
                    var socket = await ChatSocket.OpenAsync(connection.WebSocketUrl, delivery.Received, heartbeat: true, CancellationToken.None);
                    lock (talking)
                    {
                        talking.Add(new TalkingChat(chats[i], socket));
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or System.Net.WebSockets.WebSocketException or TimeoutException or TaskCanceledException)
                {
                    Report.Progress($"adding a bot failed: {ex.Message}");
                }
            }
        }));
        return talking;
    }

    private static async Task<Step> SendAtRateAsync(ChatApi api, List<TalkingChat> talking, Delivery delivery, double rate, double seconds, ServerProcess server, ServerProcess? redis)
    {
        var count = (int)(rate * seconds);
        var first = delivery.Begin(count);
        var sends = new List<Task>(count);
        var errors = 0;
        var ticksPerMessage = Stopwatch.Frequency / rate;
        var cpu = server.CpuSeconds;
        var redisCpu = redis?.CpuSeconds ?? 0;
        var started = Stopwatch.GetTimestamp();
        var i = 0;
        while (i < count)
        {
            var now = Stopwatch.GetTimestamp();
            while (i < count && started + (long)(i * ticksPerMessage) <= now)
            {
                var index = i++;
                var chat = talking[index % talking.Count].Chat;
                sends.Add(SendOneAsync(index));

                async Task SendOneAsync(int n)
                {
                    await Task.Yield();
                    delivery.SentAt[n] = Stopwatch.GetTimestamp();
                    try
                    {
                        await api.SendMessageAsync(chat.ConnectionToken, $"load lt#{first + n}# hello from the customer");
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        if (Interlocked.Increment(ref errors) <= 3)
                        {
                            Report.Progress($"SendMessage failed: {ex.Message}");
                        }
                    }
                }
            }

            if (i < count)
            {
                await Task.Delay(1);
            }
        }

        var sentIn = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await Task.WhenAll(sends);
        var waitUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 2;
        while (delivery.Delivered < count && Stopwatch.GetTimestamp() < waitUntil)
        {
            await Task.Delay(10);
        }

        var cpuPct = (server.CpuSeconds - cpu) / Stopwatch.GetElapsedTime(started).TotalSeconds * 100;
        double? redisSeconds = redis is null ? null : redis.CpuSeconds - redisCpu;
        return new Step(delivery.Latencies(), count, count / sentIn, errors, cpuPct, redisSeconds);
    }

    /// <summary>When each message of the current step was sent and when the bot's socket got it.</summary>
    private sealed class Delivery
    {
        private long _first;
        private int _delivered;

        public long[] SentAt { get; private set; } = [];

        public long[] ReceivedAt { get; private set; } = [];

        public int Delivered => Volatile.Read(ref _delivered);

        /// <summary>Starts a step of <paramref name="count"/> messages; returns the number of its first message.</summary>
        public long Begin(int count)
        {
            _first += SentAt.Length;
            SentAt = new long[count];
            ReceivedAt = new long[count];
            _delivered = 0;
            return _first;
        }

        public void Received(ReadOnlySpan<byte> frame, long at)
        {
            var marker = frame.IndexOf("lt#"u8);
            if (marker < 0)
            {
                return;
            }

            long number = 0;
            for (var i = marker + 3; i < frame.Length && frame[i] is >= (byte)'0' and <= (byte)'9'; i++)
            {
                number = number * 10 + frame[i] - '0';
            }

            var index = number - _first;
            var received = ReceivedAt;
            if (index >= 0 && index < received.Length && received[index] == 0)
            {
                received[index] = at;
                Interlocked.Increment(ref _delivered);
            }
        }

        /// <summary>Delivery times in microseconds, sorted; a message never delivered counts as infinitely late.</summary>
        public double[] Latencies()
        {
            var latencies = new double[SentAt.Length];
            for (var i = 0; i < latencies.Length; i++)
            {
                latencies[i] = ReceivedAt[i] == 0 || SentAt[i] == 0
                    ? double.PositiveInfinity
                    : (ReceivedAt[i] - SentAt[i]) * 1e6 / Stopwatch.Frequency;
            }

            Array.Sort(latencies);
            return latencies;
        }
    }

    private sealed record Step(double[] Latencies, int Count, double AchievedRate, int Errors, double CpuPct, double? RedisCpuSeconds)
    {
        public int Lost => Latencies.Count(double.IsPositiveInfinity);

        public double P99Ms => Percentile(0.99) / 1000;

        public bool Passed(double rate) => Errors == 0 && P99Ms < 10 && AchievedRate >= rate * 0.95;

        public double Percentile(double p) => Latencies.Length == 0 ? 0 : Latencies[Math.Min(Latencies.Length - 1, (int)Math.Ceiling(p * Latencies.Length) - 1)];

        public void Report(string prefix)
        {
            ChatLoad.Report.Value($"{prefix}_p50_us", Percentile(0.5));
            ChatLoad.Report.Value($"{prefix}_p99_us", Percentile(0.99));
            ChatLoad.Report.Value($"{prefix}_p999_us", Percentile(0.999));
            ChatLoad.Report.Value($"{prefix}_achieved_per_s", AchievedRate);
            ChatLoad.Report.Value($"{prefix}_lost", Lost);
            ChatLoad.Report.Value($"{prefix}_errors", Errors);
            ChatLoad.Report.Value($"{prefix}_cpu_pct", CpuPct);
            if (RedisCpuSeconds is { } redisSeconds)
            {
                // The step's whole window (sending, then waiting for the last deliveries): the open chats' heartbeats
                // are in it too, which idle_*_redis_cpu_pct shows on their own.
                ChatLoad.Report.Value($"{prefix}_redis_cpu_us_per_msg", redisSeconds * 1e6 / Count);
            }

            ChatLoad.Report.Progress($"{prefix}: p50 {Percentile(0.5) / 1000:0.00} ms, p99 {P99Ms:0.00} ms, sent {AchievedRate:0}/s, lost {Lost}, errors {Errors}, server CPU {CpuPct:0}%");
        }
    }
}
