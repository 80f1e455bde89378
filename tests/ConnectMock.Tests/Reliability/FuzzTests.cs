using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Reliability;

/// <summary>
/// Mutation fuzz of every AWS operation's request (body, path labels, X-Amz-Bearer, Content-Type and
/// Content-Encoding) against the built app on Kestrel. Every answer must be a 2xx or an AWS-shaped 4xx; afterwards
/// the server must be alive and its control plane must read back. Size: CONNECTMOCK_FUZZ_INPUTS (default 3000;
/// <c>bash tests/run.sh fuzz</c> runs 100,000). A failure prints the seed and index that regenerate its input:
/// CONNECTMOCK_FUZZ_SEED=s CONNECTMOCK_FUZZ_ONLY=i runs that one input again.
/// </summary>
public sealed class FuzzTests
{
    private const int DefaultInputs = 3000;
    private const int DefaultSeed = 20261207;
    private const int MaxBodyBytes = 1024 * 1024;
    private const int Workers = 4;
    private const int ChatPool = 8;
    private const int MaxReported = 30;
    private const int ReportedPerKind = 3;

    private static readonly string[] ContentTypes =
    [
        "", "text/plain", "application/json; charset=utf-16", "application/json; charset=utf-8", "application/x-amz-json-1.1",
        "garbage", "application/json;;", "*/*", "application/json; charset=", "multipart/form-data",
    ];

    private static readonly string[] RawLabels = ["%FF", "%ED%A0%80", "%00", "%2F", "a%2Fb", "%C0%AF", "%F4%90%80%80", "%20"];

    [Fact]
    public async Task EveryOperation_MutatedRequests_GetA2xxOrAnAwsShaped4xx_AndTheServerStaysWhole()
    {
        var inputs = Setting("CONNECTMOCK_FUZZ_INPUTS", DefaultInputs);
        var seed = Setting("CONNECTMOCK_FUZZ_SEED", DefaultSeed);
        var only = Setting("CONNECTMOCK_FUZZ_ONLY", -1);
        await using var app = AppProcess.Start(new Dictionary<string, string> { ["Serilog__MinimumLevel__Default"] = "Warning" });
        Assert.True(await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60)), string.Join('\n', app.Output));
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Workers * 2 })
        {
            BaseAddress = app.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

        var run = new FuzzRun(client, seed);
        var chats = new FuzzChat[ChatPool];
        for (var i = 0; i < chats.Length; i++)
        {
            chats[i] = await NewChatAsync(client);
        }

        var watch = Stopwatch.StartNew();
        var (first, end) = only >= 0 ? (only, only + 1) : (0, inputs);
        var next = first - 1;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < end)
            {
                // Valid calls end chats (StopContact, DisconnectParticipant): fresh ones keep the deeper paths reachable.
                if (index % 250 == 249)
                {
                    chats[index / 250 % chats.Length] = await NewChatAsync(client);
                }

                // The journal keeps the latest calls only: read it as the fuzz goes, not only at the end.
                if (index % 500 == 499)
                {
                    await run.ReadJournalAsync();
                }

                await run.SendAsync(index, chats);
            }
        })));
        var elapsed = watch.Elapsed;

        await run.CheckServerIsWholeAsync(app);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"fuzz: seed {seed}, {end - first} inputs in {elapsed.TotalSeconds:F1} s; answers: {run.Histogram}; server errors logged: " +
            app.Output.Count(FuzzRun.IsError));
        Assert.True(run.Failures.IsEmpty, run.Report(end - first, app.Output));
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static async Task<FuzzChat> NewChatAsync(HttpClient client)
    {
        var body = Requests.Minimal();
        var (contactId, _, participantToken) = AwsAssert.Started(await client.StartChatAsync(body.ToJsonString()));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/participant/connection")
        {
            Content = Wire.Json("""{"Type":["CONNECTION_CREDENTIALS"]}"""),
        };
        request.Headers.Add("X-Amz-Bearer", participantToken);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var json = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, json);
        var connectionToken = JsonDocument.Parse(json).RootElement.GetProperty("ConnectionCredentials").GetProperty("ConnectionToken").GetString()!;
        return new FuzzChat(body["InstanceId"]!.GetValue<string>(), contactId, participantToken, connectionToken);
    }

    /// <summary>The inputs of one run, what they got, and the failures with what reproduces them.</summary>
    private sealed class FuzzRun(HttpClient client, int seed)
    {
        private readonly ConcurrentDictionary<string, int> _answers = new();
        private readonly ConcurrentDictionary<string, int> _failureKinds = new();

        public ConcurrentQueue<string> Failures { get; } = new();

        public string Histogram => string.Join(", ", _answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} x{a.Value}"));

        public async Task SendAsync(int index, FuzzChat[] chats)
        {
            var random = new Random(unchecked((seed * 1_000_003) + index));
            var mutator = new FuzzMutator(random, MaxBodyBytes);
            var target = FuzzTarget.All[random.Next(FuzzTarget.All.Length)];
            var chat = chats[random.Next(chats.Length)];
            var recipe = new List<string>();
            var valid = random.Next(10) == 0;

            var labels = target.Labels(chat).Select(Uri.EscapeDataString).ToArray();
            if (!valid && labels.Length > 0 && random.Next(2) == 0)
            {
                var which = random.Next(labels.Length);
                labels[which] = random.Next(3) == 0
                    ? RawLabels[random.Next(RawLabels.Length)]
                    : Uri.EscapeDataString(mutator.MutateText(Uri.UnescapeDataString(labels[which]), recipe));
                recipe.Add($"label {which}");
            }

            byte[]? body = target.Body is { } make
                ? (valid ? Encoding.UTF8.GetBytes(make(chat).ToJsonString()) : mutator.Mutate(make(chat), recipe))
                : (!valid && random.Next(5) == 0 ? mutator.Mutate(new(), recipe) : null);

            using var request = new HttpRequestMessage(target.Method, target.Path(chat, labels));
            var headers = new List<string>();
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                var contentType = valid || random.Next(8) != 0 ? "application/json" : ContentTypes[random.Next(ContentTypes.Length)];
                if (contentType.Length > 0)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                    headers.Add($"Content-Type: {contentType}");
                }

                if (!valid && random.Next(40) == 0)
                {
                    var encoding = random.Next(2) == 0 ? "gzip" : "identity";
                    request.Content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
                    headers.Add($"Content-Encoding: {encoding}");
                }
            }

            if (Bearer(target.Bearer, chat, chats, valid, random, mutator, recipe) is { } bearer)
            {
                request.Headers.TryAddWithoutValidation("X-Amz-Bearer", bearer);
                headers.Add($"X-Amz-Bearer: {Shown(Encoding.ASCII.GetBytes(bearer))}");
            }

            string? problem;
            string answer;
            try
            {
                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                answer = response.Headers.TryGetValues("x-amzn-ErrorType", out var types)
                    ? $"{(int)response.StatusCode} {string.Join(',', types)}"
                    : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                problem = KestrelRejected(request, response, text) ? null : Problem(response, text);
                if (problem is null && !response.Headers.Contains("x-amzn-RequestId"))
                {
                    answer = $"{answer} from Kestrel";
                }

                if (problem is not null)
                {
                    problem += $"; got {answer}: {Shown(Encoding.UTF8.GetBytes(text))}";
                }
            }
            catch (HttpRequestException) when (KestrelRejects(request) != 0)
            {
                // Kestrel answered and closed the connection while the client was still sending the body.
                answer = "closed by Kestrel";
                problem = null;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                answer = "no answer";
                problem = $"no answer: {ex.GetType().Name}: {ex.Message}";
            }

            _answers.AddOrUpdate($"{target.Operation} {answer}", 1, (_, n) => n + 1);
            if (problem is not null)
            {
                Fail(
                    $"{target.Operation}: {problem.Split(';')[0]}",
                    $"input {index} (CONNECTMOCK_FUZZ_SEED={seed} CONNECTMOCK_FUZZ_ONLY={index}): {problem}\n" +
                    $"  {target.Method} {request.RequestUri}\n  {string.Join("\n  ", headers)}\n" +
                    $"  mutations: {string.Join(", ", recipe)}\n  body ({body?.Length ?? 0} bytes): {(body is null ? "none" : Shown(body))}");
            }
        }

        private static string? Bearer(FuzzBearer kind, FuzzChat chat, FuzzChat[] chats, bool valid, Random random, FuzzMutator mutator, List<string> recipe)
        {
            if (kind == FuzzBearer.None)
            {
                return null;
            }

            var token = kind == FuzzBearer.Participant ? chat.ParticipantToken : chat.ConnectionToken;
            if (valid || random.Next(4) != 0)
            {
                return token;
            }

            recipe.Add("bearer");
            return random.Next(4) switch
            {
                0 => null,
                1 => kind == FuzzBearer.Participant ? chat.ConnectionToken : chat.ParticipantToken,
                2 => chats[random.Next(chats.Length)].ParticipantToken,
                // Header values are ASCII: other characters would fail in the client, not reach the server.
                _ => new string([.. mutator.MutateText(token, recipe).Select(c => c is >= ' ' and < '\x7f' ? c : '?')]),
            };
        }

        /// <summary>
        /// Kestrel answers some HTTP-level defects itself, before any middleware: a NUL (%00) in the path is a 400,
        /// a request line over its 8 KiB limit a 414, with an empty body and the connection closed (so a client
        /// still sending a body may see only the close). The app never sees those requests (no x-amzn-RequestId),
        /// so no AWS error can be made of them there; only these exact inputs, answered exactly so, are let through.
        /// </summary>
        private static int KestrelRejects(HttpRequestMessage request)
        {
            var target = request.RequestUri!.PathAndQuery;
            return target.Contains("%00", StringComparison.Ordinal) ? 400
                : target.Length + request.Method.Method.Length + " HTTP/1.1".Length + 3 > 8192 ? 414
                : 0;
        }

        private static bool KestrelRejected(HttpRequestMessage request, HttpResponseMessage response, string body) =>
            (int)response.StatusCode == KestrelRejects(request) && body.Length == 0
            && !response.Headers.Contains("x-amzn-RequestId") && response.Headers.ConnectionClose == true;

        /// <summary>Null for a 2xx or an AWS-shaped 4xx; otherwise what is wrong with the answer.</summary>
        private static string? Problem(HttpResponseMessage response, string body)
        {
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return null;
            }

            if (status is < 400 or >= 500)
            {
                return $"status {status}";
            }

            if (!response.Headers.TryGetValues("x-amzn-ErrorType", out var types) || string.IsNullOrWhiteSpace(types.FirstOrDefault()))
            {
                return "a 4xx without x-amzn-ErrorType";
            }

            try
            {
                using var json = JsonDocument.Parse(body);
                return json.RootElement.ValueKind == JsonValueKind.Object
                    && (json.RootElement.TryGetProperty("Message", out var message) || json.RootElement.TryGetProperty("message", out message))
                    && message.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(message.GetString())
                        ? null
                        : "a 4xx whose body has no message";
            }
            catch (JsonException)
            {
                return "a 4xx whose body is not JSON";
            }
        }

        /// <summary>After the fuzz: alive, and every read of the journal, the contacts and the control plane answers 2xx JSON.</summary>
        public async Task CheckServerIsWholeAsync(AppProcess app)
        {
            if (app.HasExited)
            {
                Fail("the server exited", $"exit code {app.ExitCode}");
                return;
            }

            await ExpectJsonAsync("/health", json: false);
            await ReadJournalAsync();
            var contactIds = new List<string>();
            await ReadPagesAsync("/_connectmock/contacts?maxResults=100", page =>
            {
                if (page.TryGetProperty("contacts", out var contacts))
                {
                    contactIds.AddRange(contacts.EnumerateArray().Select(c => c.GetProperty("contactId").GetString()!));
                }
            });
            foreach (var id in contactIds)
            {
                await ExpectJsonAsync($"/_connectmock/contacts/{Uri.EscapeDataString(id)}");
                await ExpectJsonAsync($"/_connectmock/contacts/{Uri.EscapeDataString(id)}/transcript");
            }

            await ExpectJsonAsync("/_connectmock/faults");
            await ExpectJsonAsync("/_connectmock/instances");
        }

        /// <summary>Counts a failure by kind and keeps the first few of each kind, so that one noisy kind hides no other.</summary>
        private void Fail(string kind, string detail)
        {
            if (_failureKinds.AddOrUpdate(kind, 1, (_, n) => n + 1) <= ReportedPerKind && Failures.Count < MaxReported)
            {
                Failures.Enqueue($"{kind}: {detail}");
            }
        }

        // With the bodies: showing what a client sent, whatever it was, is what must not break.
        public Task ReadJournalAsync() => ReadPagesAsync("/_connectmock/requests?includeBodies=true&maxResults=1000", _ => { });

        private async Task ReadPagesAsync(string path, Action<JsonElement> read)
        {
            string? nextToken = null;
            var pages = 0;
            do
            {
                var page = await ExpectJsonAsync(nextToken is null ? path : $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}nextToken={Uri.EscapeDataString(nextToken)}");
                if (page is not { } json)
                {
                    return;
                }

                read(json);
                nextToken = json.TryGetProperty("nextToken", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
            }
            while (nextToken is not null && ++pages < 10_000);
        }

        private async Task<JsonElement?> ExpectJsonAsync(string path, bool json = true)
        {
            try
            {
                using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    Fail($"reading back GET {path}: answered {(int)response.StatusCode}", Shown(Encoding.UTF8.GetBytes(body)));
                    return null;
                }

                return json ? JsonDocument.Parse(body).RootElement.Clone() : null;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                Fail($"reading back GET {path}: {ex.GetType().Name}", ex.Message);
                return null;
            }
        }

        public string Report(int inputs, IReadOnlyList<string> output) =>
            $"The fuzz (seed {seed}, {inputs} inputs) found failures. By kind:\n  " +
            string.Join("\n  ", _failureKinds.OrderByDescending(k => k.Value).Select(k => $"{k.Value} x {k.Key}")) +
            $"\nFirst {Failures.Count}:\n" + string.Join("\n", Failures) +
            "\nThe server's first errors:\n" + string.Join("\n", output.Where(IsError).Take(5).Select(line => line.Length <= 1000 ? line : line[..1000]));

        public static bool IsError(string line) => line.Contains(" ERR]", StringComparison.Ordinal) || line.Contains(" FTL]", StringComparison.Ordinal);

        /// <summary>Bytes as text a reader can copy: printable ASCII as is, anything else as \xNN; long ones cut in the middle.</summary>
        private static string Shown(byte[] bytes)
        {
            static string Escape(ReadOnlySpan<byte> span)
            {
                var text = new StringBuilder(span.Length);
                foreach (var b in span)
                {
                    text.Append(b is >= 0x20 and < 0x7F and not (byte)'\\' ? (char)b : $"\\x{b:X2}");
                }

                return text.ToString();
            }

            return bytes.Length <= 2000
                ? Escape(bytes)
                : $"{Escape(bytes.AsSpan(0, 600))}...[{bytes.Length - 800} bytes]...{Escape(bytes.AsSpan(bytes.Length - 200))}";
        }
    }
}
