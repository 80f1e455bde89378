using System.Diagnostics;

namespace ConnectMock.Bench.ChatLoad;

/// <summary>
/// GetTranscript as chatjs calls it (the newest page, oldest first), timed on a chat whose transcript is full
/// (<c>--items</c>, ConnectMock's default capacity of 1,000) and on a short one, with chatjs's page of 15 and the
/// largest page AWS allows (100): the time of a call should follow the page, not the transcript's length.
/// </summary>
internal static class TranscriptReads
{
    public static async Task<int> RunAsync(Uri url, Options options)
    {
        var items = options.Int("items", 1000);
        var calls = options.Int("calls", 2000);
        using var api = new ChatApi(url);
        var failures = 0;
        foreach (var (name, length) in new[] { ("short", 120), ("full", items) })
        {
            var customer = await api.StartChatAsync(Guid.NewGuid().ToString("N"));
            var connection = await api.ConnectAsync(customer.ParticipantToken);
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
            {
                for (var i = worker; i < length; i += 8)
                {
                    await api.SendMessageAsync(connection.ConnectionToken, $"transcript item {i}");
                }
            }));

            foreach (var page in new[] { 15, 100 })
            {
                var returned = await api.GetTranscriptAsync(connection.ConnectionToken, page);
                if (returned != Math.Min(page, length))
                {
                    failures++;
                    Report.Progress($"GetTranscript of {page} on a {length}-message chat returned {returned} items");
                }

                for (var i = 0; i < calls / 10; i++)
                {
                    await api.GetTranscriptAsync(connection.ConnectionToken, page);
                }

                var latencies = new double[calls];
                for (var i = 0; i < calls; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    await api.GetTranscriptAsync(connection.ConnectionToken, page);
                    latencies[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                }

                Array.Sort(latencies);
                Report.Value($"transcript_{name}_{page}_p50_us", latencies[calls / 2]);
                Report.Value($"transcript_{name}_{page}_p99_us", latencies[(int)(calls * 0.99)]);
                Report.Progress($"GetTranscript, {name} ({length} messages), page {page}: p50 {latencies[calls / 2]:0} us, p99 {latencies[(int)(calls * 0.99)]:0} us");
            }
        }

        return failures;
    }
}
