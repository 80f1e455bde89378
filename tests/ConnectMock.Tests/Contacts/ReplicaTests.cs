using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using ConnectMock.Contacts;
using ConnectMock.Contacts.Storage;
using ConnectMock.Tests.Connect;
using ConnectMock.Tests.ControlPlane;
using ConnectMock.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectMock.Tests.Contacts;

/// <summary>One replica of the app on a redis-server that other replicas share, as a load balancer's back ends run.</summary>
public sealed class Replica(RedisServer redis) : ConnectMockFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("ConnectMock:Store:Provider", ContactStoreOptions.RedisProvider),
        new("ConnectMock:Store:Redis:Configuration", redis.Configuration),
    ];

    public HttpClient Http => _http ??= CreateClient();

    private HttpClient? _http;

    /// <summary>A customer's side of a new chat, through this replica.</summary>
    public ChatDriver NewChat() => new(Http, Server);

    internal ChatTimers Timers => Services.GetRequiredService<ChatTimers>();
}

/// <summary>
/// Two or three replicas in one test, sharing one real redis-server: what a client sees when its calls and its socket
/// land on different replicas. Items posted through one reach the sockets held by another in the store's order, once
/// each; the console of one hears the others; a chat's timers fire once in the cluster; a replica that restarts loses
/// its sockets and nothing else.
/// </summary>
public sealed class ReplicaTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private const string Joined = "application/vnd.amazonaws.connect.event.participant.joined";
    private const string Left = "application/vnd.amazonaws.connect.event.participant.left";
    private const string Typing = "application/vnd.amazonaws.connect.event.typing";
    private const string IdleType = "application/vnd.amazonaws.connect.event.participant.idle";
    private const string ReturnedType = "application/vnd.amazonaws.connect.event.participant.returned";
    private const string AutoDisconnectionType = "application/vnd.amazonaws.connect.event.participant.autodisconnection";
    private const string Ended = "application/vnd.amazonaws.connect.event.chat.ended";

    /// <summary>How long a socket waits for its next item: long, as a machine that runs every suite at once can be slow.</summary>
    private const int Patience = 30_000;

    private readonly List<Replica> _replicas = [];

    public async ValueTask InitializeAsync() => await redis.FlushAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
    }

    [Fact]
    public async Task MessagesPostedOnOtherReplicas_ReachASocket_InTheTranscriptsOrder_OnceEach()
    {
        var (a, b, c) = (Start(), Start(), Start());
        var chat = await (await a.NewChat().StartAsync()).ConnectAsync();
        await using var onB = await chat.Via(b.Http, b.Server).OpenSocketAsync();
        await using var onA = await (await chat.Via(a.Http, a.Server).ConnectAsync()).OpenSocketAsync(); // a URL opens one socket in the cluster
        await JoinAgentAsync(c, chat.ContactId);

        // Three posters at once: the customer through A and through C, the agent through B.
        const int Each = 40;
        var sent = new ConcurrentBag<string>();
        await Task.WhenAll(
            PostAsync(chat.Via(a.Http, a.Server), "a"),
            PostAsync(chat.Via(c.Http, c.Server), "c"),
            Task.Run(async () =>
            {
                for (var i = 0; i < Each; i++)
                {
                    sent.Add(await AgentSaysAsync(b, chat.ContactId, $"b{i}"));
                }
            }, TestContext.Current.CancellationToken));

        var transcript = (await a.Http.ControlTranscriptAsync(chat.ContactId)).Where(i => i.GetProperty("Type").GetString() == "MESSAGE").Select(i => i.GetProperty("Id").GetString()!).ToList();
        Assert.Equal(3 * Each, transcript.Count);
        Assert.Equal(sent.Order(), transcript.Order());
        foreach (var socket in new[] { onB, onA })
        {
            Assert.Equal(Joined, (await socket.NextItemAsync(Patience)).GetProperty("ContentType").GetString());
            var heard = new List<JsonElement>();
            while (heard.Count < transcript.Count)
            {
                heard.Add(await socket.NextItemAsync(Patience));
            }

            Assert.Equal(transcript, heard.Select(i => i.GetProperty("Id").GetString()));
            Assert.Equal(
                ["a", "b", "c"],
                heard.Select(i => i.GetProperty("Content").GetString()!).GroupBy(t => t[..1]).Select(g => g.Key).Order());
            foreach (var poster in heard.Select(i => i.GetProperty("Content").GetString()!).GroupBy(t => t[..1]))
            {
                Assert.Equal(Enumerable.Range(0, Each).Select(i => $"{poster.Key}{i}"), poster);
            }

            await NothingMoreAsync(socket);
        }

        async Task PostAsync(ChatDriver via, string prefix)
        {
            for (var i = 0; i < Each; i++)
            {
                sent.Add(await via.SendMessageAsync($"{prefix}{i}"));
            }
        }
    }

    [Fact]
    public async Task ASocketThatOpensOnOneReplica_WhileAnotherPosts_HearsEverythingAfterIt_WithoutGapsOrRepeats()
    {
        var (a, c) = (Start(), Start());
        var chat = await (await a.NewChat().StartAsync()).ConnectAsync();
        const int Count = 150;
        var posting = Task.Run(async () =>
        {
            for (var i = 0; i < Count; i++)
            {
                await chat.SendMessageAsync($"m{i}");
            }
        }, TestContext.Current.CancellationToken);
        while ((await chat.TranscriptAsync()).Count(i => i.GetProperty("Type").GetString() == "MESSAGE") < 20)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        await using var late = await chat.Via(c.Http, c.Server).OpenSocketAsync();
        await posting;

        var heard = new List<string>();
        while (!heard.Contains($"m{Count - 1}"))
        {
            heard.Add((await late.NextItemAsync(Patience)).GetProperty("Content").GetString()!);
        }

        // What it hears is the transcript from some message on: nothing skipped, nothing twice, in order.
        var first = int.Parse(heard[0][1..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(first < Count - 1, $"the socket opened with {first} of {Count} messages posted");
        Assert.Equal(Enumerable.Range(first, Count - first).Select(i => $"m{i}"), heard);
        await NothingMoreAsync(late);
    }

    [Fact]
    public async Task TypingReceiptsAndParticipants_OnOneReplica_ReachASocketOnAnother()
    {
        var (a, b) = (Start(), Start());
        var chat = await (await a.NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.Via(b.Http, b.Server).OpenSocketAsync();

        var agentId = await JoinAgentAsync(a, chat.ContactId);
        var said = await AgentSaysAsync(a, chat.ContactId, "hello");
        Assert.Equal(HttpStatusCode.OK, (await chat.CallAsync("/participant/event", $$"""{"ContentType":"{{Typing}}"}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await chat.CallAsync("/participant/event",
            $$"""{"ContentType":"application/vnd.amazonaws.connect.event.message.read","Content":"{\"messageId\":\"{{said}}\"}"}""")).Status);
        var left = await a.Http.ControlAsync(HttpMethod.Delete, $"/contacts/{chat.ContactId}/agent", """{"endChat":false}""");
        Assert.True(left.Status is HttpStatusCode.OK or HttpStatusCode.NoContent, left.Body);

        var joined = await socket.NextItemAsync(Patience);
        Assert.Equal((Joined, agentId), (joined.GetProperty("ContentType").GetString(), joined.GetProperty("ParticipantId").GetString()));
        Assert.Equal(said, (await socket.NextItemAsync(Patience)).GetProperty("Id").GetString());
        var typing = await socket.NextItemAsync(Patience);
        Assert.Equal((Typing, chat.ParticipantId), (typing.GetProperty("ContentType").GetString(), typing.GetProperty("ParticipantId").GetString()));
        var receipt = await socket.NextItemAsync(Patience);
        Assert.Equal("MESSAGEMETADATA", receipt.GetProperty("Type").GetString());
        Assert.Equal(said, receipt.GetProperty("MessageMetadata").GetProperty("MessageId").GetString());
        var gone = await socket.NextItemAsync(Patience);
        Assert.Equal((Left, agentId), (gone.GetProperty("ContentType").GetString(), gone.GetProperty("ParticipantId").GetString()));
        await NothingMoreAsync(socket);
    }

    [Fact]
    public async Task TheConsoleOfOneReplica_HearsAChatStartedAndUsedOnAnother()
    {
        var (a, b) = (Start(), Start());
        await using var feed = await ConsoleFeedTests.FeedReader.OpenAsync(b.Http);

        var chat = await (await a.NewChat().StartAsync()).ConnectAsync();
        var started = await feed.NextAsync(e => e.Name == "contact");
        var messageId = await chat.SendMessageAsync("heard on B?");
        var message = await feed.NextAsync(e => e.Name == "item" && e.Data.GetProperty("item").GetProperty("Type").GetString() == "MESSAGE");

        Assert.Equal(chat.ContactId, started.Data.GetProperty("contactId").GetString());
        Assert.Equal("ACTIVE", started.Data.GetProperty("state").GetString());
        Assert.Equal((chat.ContactId, messageId), (message.Data.GetProperty("contactId").GetString(), message.Data.GetProperty("item").GetProperty("Id").GetString()));
    }

    [Fact]
    public async Task AChatsIdleTimer_FiresOnceInTheCluster_WhicheverReplicasClocksPassIt_AndReachesASocketOnAnother()
    {
        var (a, b, c) = (Start(), Start(), Start());
        var (chat, socket, agentId) = await TimedChatAsync(a, b);
        await using var _ = socket;
        await EveryReplicaTimesAsync([a, b, c]);

        // Every replica's clock passes the idle time at once (as a clock the replicas shared would): one event.
        AdvanceAll([a, b, c], TimeSpan.FromMinutes(2));
        Assert.Equal(IdleType, (await socket.NextItemAsync(Patience)).GetProperty("ContentType").GetString());
        await chat.Via(c.Http, c.Server).SendMessageAsync("back");
        Assert.Equal("back", (await socket.NextItemAsync(Patience)).GetProperty("Content").GetString());
        var returned = await socket.NextItemAsync(Patience);
        Assert.Equal((ReturnedType, chat.ParticipantId), (returned.GetProperty("ContentType").GetString(), returned.GetProperty("ParticipantId").GetString()));

        AdvanceAll([a, b, c], TimeSpan.FromMinutes(2));
        Assert.Equal(IdleType, (await socket.NextItemAsync(Patience)).GetProperty("ContentType").GetString());
        await EveryReplicaHearsAsync([a, b, c], r => r.Timers.IsIdle(Guid.Parse(chat.ContactId), Guid.Parse(chat.ParticipantId)));
        AdvanceAll([a, b, c], TimeSpan.FromMinutes(3));

        var disconnection = await socket.NextItemAsync(Patience);
        Assert.Equal((AutoDisconnectionType, agentId), (disconnection.GetProperty("ContentType").GetString(), disconnection.GetProperty("ParticipantId").GetString()));
        Assert.Equal((Left, agentId), ((await socket.NextItemAsync(Patience)).GetProperty("ContentType").GetString(), agentId));
        Assert.Equal(Ended, (await socket.NextItemAsync(Patience)).GetProperty("ContentType").GetString());
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, await socket.ClosedAsync(Patience));
        await EveryReplicaHearsAsync([a, b, c], r => r.Timers.Scheduled == 0);
    }

    [Fact]
    public async Task AReplicaThatHearsAnIdleEventBeforeItsClockReachesIt_CountsTheAutoDisconnectFromTheEvent()
    {
        var (a, b) = (Start(), Start());
        var (chat, socket, agentId) = await TimedChatAsync(a, b);
        await using var _ = socket;
        await EveryReplicaTimesAsync([a, b]);

        // A's clock passes the idle time first; B hears A's participant.idle while its own clock is 2 minutes behind.
        a.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(IdleType, (await socket.NextItemAsync(Patience)).GetProperty("ContentType").GetString());
        await EveryReplicaHearsAsync([b], r => r.Timers.IsIdle(Guid.Parse(chat.ContactId), Guid.Parse(chat.ParticipantId)));
        b.Clock.Advance(TimeSpan.FromMinutes(2));

        // 2 min 59 s after the event on both clocks: no auto-disconnect yet. The agent's message marks the moment:
        // anything a timer posted during the advance is before it in the store's order.
        AdvanceAll([a, b], TimeSpan.FromSeconds(179));
        var marker = await AgentSaysAsync(a, chat.ContactId, "still with you?");
        var next = await socket.NextItemAsync(Patience);
        Assert.True(next.GetProperty("Id").GetString() == marker, $"expected the agent's message, got {next}");

        AdvanceAll([a, b], TimeSpan.FromSeconds(1));
        var disconnection = await socket.NextItemAsync(Patience);
        Assert.Equal((AutoDisconnectionType, agentId), (disconnection.GetProperty("ContentType").GetString(), disconnection.GetProperty("ParticipantId").GetString()));
    }

    [Fact]
    public async Task AWebSocketUrlSpentOnOneReplica_IsRefusedOnAnother_AndConnectionsOnTwoReplicasGetTwoUrls()
    {
        var (a, b) = (Start(), Start());
        var chat = await (await a.NewChat().StartAsync()).ConnectAsync();
        await using var first = await chat.Via(a.Http, a.Server).OpenSocketAsync();

        var again = await Assert.ThrowsAnyAsync<Exception>(() => chat.Via(b.Http, b.Server).OpenSocketAsync());
        Assert.Contains("403", again.Message, StringComparison.Ordinal);

        // Asked for through both replicas at once: two URLs, each opening its one socket.
        var connections = await Task.WhenAll(chat.Via(a.Http, a.Server).ConnectAsync(), chat.Via(b.Http, b.Server).ConnectAsync());
        Assert.NotEqual(connections[0].WebSocketUrl, connections[1].WebSocketUrl);
        await using var onB = await connections[0].Via(b.Http, b.Server).OpenSocketAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => connections[0].Via(a.Http, a.Server).OpenSocketAsync());
    }

    [Fact]
    public async Task AChatsEnd_FiresOnceInTheCluster_OnWhicheverReplicaPassesIt()
    {
        var (a, b) = (Start(), Start());
        var chat = await (await a.NewChat().StartAsync(Requests.Minimal().With("ChatDurationInMinutes", 60))).ConnectAsync();
        await using var socket = await chat.Via(b.Http, b.Server).OpenSocketAsync();
        await chat.SendMessageAsync("before the end");
        Assert.Equal("before the end", (await socket.NextItemAsync(Patience)).GetProperty("Content").GetString());

        AdvanceAll([a, b], TimeSpan.FromMinutes(61));

        Assert.Equal(Ended, (await socket.NextItemAsync(Patience)).GetProperty("ContentType").GetString());
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, await socket.ClosedAsync(Patience));
        Assert.Single(await a.Http.ControlTranscriptAsync(chat.ContactId), i => i.GetProperty("ContentType").GetString() == Ended);
    }

    [Fact]
    public async Task AResetOnOneReplica_EndsTheChatsSocketsOnAnother()
    {
        var (a, b) = (Start(), Start());
        var chat = await (await a.NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.Via(b.Http, b.Server).OpenSocketAsync();

        Assert.Equal(HttpStatusCode.OK, (await a.Http.ControlAsync(HttpMethod.Post, "/reset")).Status);

        Assert.Equal(Ended, (await socket.NextItemAsync(Patience)).GetProperty("ContentType").GetString());
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, await socket.ClosedAsync(Patience));
    }

    [Fact]
    public async Task AReplicaThatRestarts_LosesItsSockets_AndNothingElse()
    {
        var (a, b) = (Start(), Start());
        var chat = await (await a.NewChat().StartAsync()).ConnectAsync();
        await using var onA = await chat.Via(a.Http, a.Server).OpenSocketAsync();
        var onB = await (await chat.Via(b.Http, b.Server).ConnectAsync()).OpenSocketAsync(); // a URL opens one socket in the cluster
        var before = await chat.SendMessageAsync("before");
        Assert.Equal(before, (await onB.NextItemAsync(Patience)).GetProperty("Id").GetString());

        _replicas.Remove(b);
        await b.DisposeAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => onB.NextItemAsync(2000));
        var during = await chat.SendMessageAsync("while B is away");
        var restarted = Start();

        // The client reconnects as chatjs does: a new connection (through the new replica), a new socket there.
        var again = await chat.Via(restarted.Http, restarted.Server).ConnectAsync();
        await using var onRestarted = await again.OpenSocketAsync();
        var after = await chat.SendMessageAsync("after");

        List<string?> heardOnA = [];
        for (var i = 0; i < 3; i++)
        {
            heardOnA.Add((await onA.NextItemAsync(Patience)).GetProperty("Id").GetString());
        }

        Assert.Equal([before, during, after], heardOnA);
        Assert.Equal(after, (await onRestarted.NextItemAsync(Patience)).GetProperty("Id").GetString());
        var transcript = await again.TranscriptAsync();
        Assert.Equal(["before", "while B is away", "after"], transcript.Where(i => i.GetProperty("Type").GetString() == "MESSAGE").Select(i => i.GetProperty("Content").GetString()));
        await NothingMoreAsync(onRestarted);
    }

    private Replica Start()
    {
        var replica = new Replica(redis);
        _replicas.Add(replica);
        _ = replica.Http; // starts it
        return replica;
    }

    /// <summary>
    /// A chat started through <paramref name="starting"/> with the customer's idle timer at 2 minutes and its
    /// auto-disconnect at 3, the customer's socket on <paramref name="holding"/>, and an agent joined (heard on it).
    /// </summary>
    private static async Task<(ChatDriver Chat, ChatSocket Socket, string AgentId)> TimedChatAsync(Replica starting, Replica holding)
    {
        var chat = await (await starting.NewChat().StartAsync()).ConnectAsync();
        var update = await starting.Http.SendAsync(HttpMethod.Put, $"/contact/participant-role-config/{Requests.InstanceId}/{chat.ContactId}",
            Wire.Json(UpdateParticipantRoleConfigTests.Timers(("CUSTOMER", "IDLE", "2"), ("CUSTOMER", "DISCONNECT_NONCUSTOMER", "3"))));
        Assert.True(update.Status == HttpStatusCode.OK, update.Body);
        var socket = await chat.Via(holding.Http, holding.Server).OpenSocketAsync();
        var agentId = await JoinAgentAsync(starting, chat.ContactId);
        Assert.Equal(Joined, (await socket.NextItemAsync(Patience)).GetProperty("ContentType").GetString());
        return (chat, socket, agentId);
    }

    private static async Task<string> JoinAgentAsync(Replica via, string contactId)
    {
        var joined = await via.Http.ControlAsync(HttpMethod.Post, $"/contacts/{contactId}/agent", """{"displayName":"Alex"}""");
        Assert.True(joined.Status == HttpStatusCode.Created, joined.Body);
        return joined.Json.GetProperty("participantId").GetString()!;
    }

    private static async Task<string> AgentSaysAsync(Replica via, string contactId, string content)
    {
        var said = await via.Http.ControlAsync(HttpMethod.Post, $"/contacts/{contactId}/agent/messages", JsonSerializer.Serialize(new { content }));
        Assert.True(said.Status == HttpStatusCode.Created, said.Body);
        return said.Json.GetProperty("id").GetString()!;
    }

    /// <summary>Advances every replica's clock at once, as a clock they shared would move.</summary>
    private static void AdvanceAll(IEnumerable<Replica> replicas, TimeSpan by) =>
        Parallel.ForEach(replicas, replica => replica.Clock.Advance(by));

    /// <summary>Waits until every replica follows the chat's timers (each hears the agent join from the feed).</summary>
    private static Task EveryReplicaTimesAsync(IEnumerable<Replica> replicas) => EveryReplicaHearsAsync(replicas, r => r.Timers.Scheduled > 0);

    private static async Task EveryReplicaHearsAsync(IEnumerable<Replica> replicas, Func<Replica, bool> heard)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(Patience);
        while (!replicas.All(heard))
        {
            Assert.True(DateTime.UtcNow < deadline, "a replica did not hear the chat's change in time");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>No other chat item comes within half a second: nothing was delivered twice.</summary>
    private static async Task NothingMoreAsync(ChatSocket socket)
    {
        var extra = await Record.ExceptionAsync(async () =>
        {
            var item = await socket.NextItemAsync(500);
            Assert.Fail($"one more item: {item}");
        });
        Assert.IsNotType<Xunit.Sdk.FailException>(extra);
    }
}
