using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Reliability;

/// <summary>
/// The store's memory budget (ConnectMock:Store:MaxMemoryMegabytes) on the real process, under the writes and reads
/// that make contacts largest in memory: thousands of tiny attributes decode to far more objects than their bytes.
/// </summary>
public sealed class MemoryBudgetTests
{
    private const int BudgetMegabytes = 16;

    // A managed heap of 128 MiB, so that memory the budget should have bounded is an OutOfMemoryException (a 500,
    // or a broken connection) rather than a slow climb. Within the budget the heap needs far less: the store's
    // 16 MiB by its estimate and at most as much again in its record arena, the request journal (cut to 100 calls
    // here, about 5 MiB of these bodies), and one request's objects at a time. Without the budget holding on reads,
    // paging every contact once keeps about 150 MiB of attribute maps.
    private const string HeapHardLimit = "0x8000000";

    // Peak resident memory allowed: the 128 MiB heap plus what the runtime holds outside it (code, JIT data,
    // stacks, native buffers: 50-60 MiB for this app), with room to spare; 180 MiB was measured with the budget
    // holding.
    private const long MaxPeakResidentBytes = 256 * 1024L * 1024L;

    private const int Contacts = 600;
    private const string InstanceId = "11111111-2222-3333-4444-555555555555";

    [Fact]
    public async Task Store_HostileMixOfWritesAndReads_StaysWithinItsBudget()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["ConnectMock__Store__MaxMemoryMegabytes"] = BudgetMegabytes.ToString(CultureInfo.InvariantCulture),
            ["DOTNET_GCHeapHardLimit"] = HeapHardLimit,
            ["ConnectMock__Journal__Capacity"] = "100",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        });
        Assert.True(await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60)), string.Join('\n', app.Output));
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var calls = new Calls(client, app);

        // Writes: 10,000 tiny attributes each (about the most objects a valid request can carry: about 50 KB
        // stored, ten times that as objects), and every tenth with one 32 KB value instead.
        var started = new List<(string ContactId, string ParticipantToken)>();
        for (var i = 0; i < Contacts; i++)
        {
            var body = Requests.Minimal($"memory-{i}").With("Attributes", i % 10 == 0 ? LargeValue() : TinyAttributes());
            var response = await calls.ExpectAsync(HttpMethod.Put, Wire.ChatPath, body.ToJsonString(), HttpStatusCode.OK);
            calls.AssertAllExpected("writes");
            started.Add((response.Json.GetProperty("ContactId").GetString()!, response.Json.GetProperty("ParticipantToken").GetString()!));
        }

        // Reads that only display: every stored contact paged through the control plane, then each one alone, on
        // both sides (an evicted one is a 404, never a 500).
        var listed = await calls.ListAllContactsAsync();
        calls.AssertAllExpected("paging every contact");
        Assert.NotEmpty(listed);
        foreach (var (contactId, _) in started)
        {
            await calls.ExpectAsync(HttpMethod.Get, $"/_connectmock/contacts/{contactId}", null, HttpStatusCode.OK, HttpStatusCode.NotFound);
            await calls.ExpectAsync(HttpMethod.Get, $"/contacts/{InstanceId}/{contactId}", null, HttpStatusCode.OK, HttpStatusCode.NotFound);
        }

        calls.AssertAllExpected("reading each contact");

        // Reads that keep a chat: a participant connection and its transcript for the newest contacts, which then
        // hold a session each; an evicted contact's token is denied.
        var connected = 0;
        foreach (var (_, participantToken) in started.TakeLast(100))
        {
            var connection = await calls.ExpectAsync(
                HttpMethod.Post, "/participant/connection", """{"Type":["CONNECTION_CREDENTIALS"]}""", participantToken,
                HttpStatusCode.OK, HttpStatusCode.Forbidden);
            if (connection.Status == HttpStatusCode.OK)
            {
                connected++;
                var connectionToken = connection.Json.GetProperty("ConnectionCredentials").GetProperty("ConnectionToken").GetString()!;
                await calls.ExpectAsync(
                    HttpMethod.Post, "/participant/transcript", """{"MaxResults":100}""", connectionToken, HttpStatusCode.OK, HttpStatusCode.Forbidden);
            }
        }

        calls.AssertAllExpected("participant connections and transcripts");
        Assert.True(connected > 0, "no participant connection was made");

        // Everything once more, after the chats: the list again, and a valid start still works.
        await calls.ListAllContactsAsync();
        await calls.ExpectAsync(HttpMethod.Put, Wire.ChatPath, Requests.Minimal("memory-last").ToJsonString(), HttpStatusCode.OK);

        calls.AssertAllExpected("paging again and a last start");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);
        var peak = PeakResidentBytes(app.Id);
        Assert.True(peak <= MaxPeakResidentBytes, $"peak RSS {peak / (1024 * 1024)} MiB, allowed {MaxPeakResidentBytes / (1024 * 1024)} MiB");
    }

    /// <summary>10,000 attributes with three-character keys and empty values: 30,000 UTF-8 bytes of the 32,768 allowed.</summary>
    private static JsonObject TinyAttributes()
    {
        const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        var attributes = new JsonObject();
        for (var i = 0; i < 10_000; i++)
        {
            attributes[string.Concat(Digits[i / (36 * 36)], Digits[i / 36 % 36], Digits[i % 36])] = "";
        }

        return attributes;
    }

    private static JsonObject LargeValue() => new() { ["notes"] = Requests.Text(32_000) };

    /// <summary>The process's peak resident set (VmHWM), from /proc.</summary>
    private static long PeakResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private sealed record Answer(HttpStatusCode Status, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }

    /// <summary>Calls that record every answer outside the statuses a call may get (a 5xx above all).</summary>
    private sealed class Calls(HttpClient client, AppProcess app)
    {
        private readonly List<string> _unexpected = [];

        /// <summary>Fails at the end of a phase that had any unexpected answer, with the server's first exceptions.</summary>
        public void AssertAllExpected(string phase) =>
            Assert.True(
                _unexpected.Count == 0,
                $"{phase}: {_unexpected.Count} unexpected answers, the first: {string.Join('\n', _unexpected.Take(3))}\n"
                + $"server (exited: {app.HasExited}), its first exceptions:\n"
                + string.Join('\n', app.Output.Where(l => l.Contains("Exception", StringComparison.Ordinal)).Take(3).Select(l => l[..Math.Min(l.Length, 300)])));

        public Task<Answer> ExpectAsync(HttpMethod method, string path, string? json, params HttpStatusCode[] expected) =>
            ExpectAsync(method, path, json, null, expected);

        public async Task<Answer> ExpectAsync(HttpMethod method, string path, string? json, string? bearer, params HttpStatusCode[] expected)
        {
            using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : Wire.Json(json) };
            if (bearer is not null)
            {
                request.Headers.Add("X-Amz-Bearer", bearer);
            }

            Answer answer;
            try
            {
                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                answer = new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            }
            catch (HttpRequestException ex)
            {
                answer = new Answer(0, ex.Message); // a broken connection or a dead process
            }

            if (!expected.Contains(answer.Status))
            {
                _unexpected.Add($"{method} {path}: {(int)answer.Status} {answer.Body[..Math.Min(answer.Body.Length, 200)]}");
            }

            return answer;
        }

        /// <summary>Every stored contact, paged through the control plane 1,000 at a time.</summary>
        public async Task<List<string>> ListAllContactsAsync()
        {
            var contactIds = new List<string>();
            string? nextToken = null;
            do
            {
                var path = "/_connectmock/contacts?maxResults=1000" + (nextToken is null ? "" : $"&nextToken={nextToken}");
                var page = await ExpectAsync(HttpMethod.Get, path, null, HttpStatusCode.OK);
                if (page.Status != HttpStatusCode.OK)
                {
                    break;
                }

                contactIds.AddRange(page.Json.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("contactId").GetString()!));
                nextToken = page.Json.TryGetProperty("nextToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            }
            while (nextToken is not null);

            return contactIds;
        }
    }
}
