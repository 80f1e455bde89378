using System.Net;
using System.Reflection;
using System.Text.Json;
using ConnectMock.Contacts.Storage;
using ConnectMock.ControlPlane;
using ConnectMock.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectMock.Tests.ControlPlane;

/// <summary>
/// The web console's live feed, GET /_connectmock/events (server-sent events); and that with no console connected
/// nothing listens on the AWS request path: the store's and the journal's events have no handler at all.
/// </summary>
public sealed class ConsoleFeedTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    private ConsoleFeed Feed => App.Services.GetRequiredService<ConsoleFeed>();

    [Fact]
    public async Task WithNoConsoleConnected_TheStoreAndTheJournalHaveNoHandler_SoAwsCallsBuildNothingForIt()
    {
        await NoConsoleLeftAsync();
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await chat.SendMessageAsync("hello");

        Assert.False(Feed.IsListening);
        Assert.Equal(0, Feed.Subscribers);
        Assert.Null(HandlerOf(App.Store, nameof(InMemoryContactStore.Changed)));
        Assert.Null(HandlerOf(App.Journal, nameof(RequestJournal.Recorded)));
    }

    [Fact]
    public async Task AConsoleThatConnectsAndLeaves_AddsItsHandlersAndTakesThemAway()
    {
        await NoConsoleLeftAsync();
        await using (var feed = await FeedReader.OpenAsync(Client))
        {
            Assert.True(Feed.IsListening);
            Assert.Equal(1, Feed.Subscribers);
            Assert.NotNull(HandlerOf(App.Store, nameof(InMemoryContactStore.Changed)));
            Assert.NotNull(HandlerOf(App.Journal, nameof(RequestJournal.Recorded)));
        }

        await NoConsoleLeftAsync();
        Assert.False(Feed.IsListening);
        Assert.Null(HandlerOf(App.Store, nameof(InMemoryContactStore.Changed)));
        Assert.Null(HandlerOf(App.Journal, nameof(RequestJournal.Recorded)));
    }

    [Fact]
    public async Task TheFeed_IsAnEventStream_ThatStartsWithReady()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_connectmock/events");
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var feed = new FeedReader(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("ready", (await feed.NextAsync()).Name);
    }

    [Fact]
    public async Task AChatStartedAndUsed_IsHeardAsItHappens_TypingIncluded()
    {
        await using var feed = await FeedReader.OpenAsync(Client);

        var chat = await NewChat().StartAsync(Requests.Minimal());
        var started = await feed.NextAsync(e => e.Name == "contact");
        Assert.Equal(chat.ContactId, started.Data.GetProperty("contactId").GetString());
        Assert.Equal("Jane", started.Data.GetProperty("displayName").GetString());
        Assert.Equal("ACTIVE", started.Data.GetProperty("state").GetString());
        Assert.False(started.Data.TryGetProperty("participantToken", out _), "the feed shows no participant token");

        await chat.ConnectAsync();
        await chat.CallAsync("/participant/event", """{"ContentType":"application/vnd.amazonaws.connect.event.typing"}""");
        var typing = await feed.NextAsync(e => e.Name == "item" && e.Data.GetProperty("item").GetProperty("ContentType").GetString()!.EndsWith(".typing", StringComparison.Ordinal));
        Assert.True(typing.Data.GetProperty("transient").GetBoolean());
        Assert.Equal("CUSTOMER", typing.Data.GetProperty("item").GetProperty("ParticipantRole").GetString());

        var messageId = await chat.SendMessageAsync("where is my order?");
        var message = await feed.NextAsync(e => e.Name == "item" && e.Data.GetProperty("item").GetProperty("Type").GetString() == "MESSAGE");
        Assert.Equal(chat.ContactId, message.Data.GetProperty("contactId").GetString());
        Assert.Equal(messageId, message.Data.GetProperty("item").GetProperty("Id").GetString());
        Assert.Equal("where is my order?", message.Data.GetProperty("item").GetProperty("Content").GetString());
        Assert.False(message.Data.GetProperty("transient").GetBoolean());
    }

    [Fact]
    public async Task NewCalls_AreOneJournalEvent_NotOneEach_UntilTheConsoleReadsIt()
    {
        await using var feed = await FeedReader.OpenAsync(Client);

        for (var i = 0; i < 20; i++)
        {
            await Client.SendAsync(HttpMethod.Post, "/no-such-operation");
        }

        Assert.Equal("journal", (await feed.NextAsync(e => e.Name == "journal")).Name);
        await Client.SendAsync(HttpMethod.Post, "/no-such-operation");
        Assert.Equal("journal", (await feed.NextAsync(e => e.Name == "journal")).Name);
        Assert.True(feed.Heard.Count(e => e.Name == "journal") <= 3, string.Join(", ", feed.Heard.Select(e => e.Name)));
    }

    [Fact]
    public async Task AReset_IsHeard()
    {
        await using var feed = await FeedReader.OpenAsync(Client);

        await Client.SendAsync(HttpMethod.Post, "/_connectmock/reset");

        Assert.Equal("reset", (await feed.NextAsync(e => e.Name == "reset")).Name);
    }

    [Fact]
    public async Task BeyondTheLimit_AConsoleIsRefused_AndALeavingOneMakesRoom()
    {
        await NoConsoleLeftAsync();
        var held = Enumerable.Range(0, ConsoleFeed.MaxSubscribers).Select(_ => Feed.Subscribe()!).ToList();
        try
        {
            Assert.Null(Feed.Subscribe());
            held[0].Dispose();
            held[0] = Feed.Subscribe()!;
            Assert.NotNull(held[0]);
        }
        finally
        {
            held.ForEach(s => s.Dispose());
        }

        Assert.False(Feed.IsListening);
    }

    [Fact]
    public async Task ATemplateCheck_SaysWhatIsWrong_NamingTheMember()
    {
        var valid = await Client.ControlAsync(HttpMethod.Post, "/templates/check",
            """{"templateType":"QuickReply","version":"1.0","data":{"content":{"title":"Rate us","elements":[{"title":"Good"},{"title":"Bad"}]}}}""");
        var invalid = await Client.ControlAsync(HttpMethod.Post, "/templates/check",
            """{"templateType":"QuickReply","version":"1.0","data":{"content":{"title":"Rate us"}}}""");

        Assert.Equal(HttpStatusCode.OK, valid.Status);
        Assert.True(valid.Json.GetProperty("valid").GetBoolean());
        Assert.False(valid.Json.TryGetProperty("problem", out _));
        Assert.False(invalid.Json.GetProperty("valid").GetBoolean());
        Assert.Contains("elements", invalid.Json.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOperations_AreListedByTheNamesTheJournalUses()
    {
        var response = await Client.ControlAsync(HttpMethod.Get, "/operations");

        var names = response.Json.GetProperty("operations").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("StartChatContact", names);
        Assert.Contains("SendMessage", names);
        Assert.DoesNotContain("Unknown", names);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    private static Delegate? HandlerOf(object source, string eventName) =>
        (Delegate?)source.GetType().GetField(eventName, BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(source);

    /// <summary>Until the server has finished with the streams of earlier tests (it learns of a client's leaving a little after).</summary>
    private async Task NoConsoleLeftAsync()
    {
        for (var i = 0; i < 200 && Feed.Subscribers > 0; i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, Feed.Subscribers);
    }

    /// <summary>Reads a server-sent event stream: each event's name and JSON data.</summary>
    internal sealed class FeedReader(HttpResponseMessage response) : IAsyncDisposable
    {
        private StreamReader? _reader;

        public List<(string Name, JsonElement Data)> Heard { get; } = [];

        public static async Task<FeedReader> OpenAsync(HttpClient client)
        {
            var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/_connectmock/events"), HttpCompletionOption.ResponseHeadersRead,
                TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var feed = new FeedReader(response);
            Assert.Equal("ready", (await feed.NextAsync()).Name);
            return feed;
        }

        public async Task<(string Name, JsonElement Data)> NextAsync(Func<(string Name, JsonElement Data), bool>? wanted = null)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            _reader ??= new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
            string? name = null;
            var data = new List<string>();
            while (true)
            {
                var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the feed ended");
                if (line.Length == 0 && data.Count > 0)
                {
                    var heard = (name ?? "message", JsonDocument.Parse(string.Join('\n', data)).RootElement.Clone());
                    Heard.Add(heard);
                    if (wanted is null || wanted(heard))
                    {
                        return heard;
                    }

                    (name, data) = (null, []);
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Add(line["data: ".Length..]);
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            _reader?.Dispose();
            response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
