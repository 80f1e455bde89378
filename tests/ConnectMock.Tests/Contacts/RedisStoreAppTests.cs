using System.Diagnostics;
using System.Net;
using ConnectMock.Contacts.Storage;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Contacts;

/// <summary>The app with <c>ConnectMock:Store:Provider</c> Redis, on a real redis-server of its own.</summary>
public sealed class RedisStoreFactory : ConnectMockFactory
{
    public RedisStoreFactory()
    {
        Redis.StartAsync().AsTask().GetAwaiter().GetResult();
    }

    public RedisServer Redis { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("ConnectMock:Store:Provider", ContactStoreOptions.RedisProvider),
        new("ConnectMock:Store:Redis:Configuration", Redis.Configuration),
    ];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Redis.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// A chat through the Redis store, on the wire, and what clients see while the server is gone: AWS's internal errors
/// at once, never a hang or a stack trace, /health unhealthy, and everything working again once Redis is back.
/// </summary>
public sealed class RedisStoreAppTests(RedisStoreFactory app) : ConnectMockTest<RedisStoreFactory>(app)
{
    /// <summary>Much less than a client's own timeout: a lost server must not hold requests.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task Chat_OnTheRedisStore_StartsConnectsPostsAndReadsItsTranscript()
    {
        var chat = await NewChat().StartAsync();
        await chat.ConnectAsync();
        await chat.SendMessageAsync("hello from redis");
        var replayed = await Client.StartChatAsync(Requests.Minimal().With("ClientToken", "redis-token").ToJsonString());
        var again = await Client.StartChatAsync(Requests.Minimal().With("ClientToken", "redis-token").ToJsonString());

        var transcript = await chat.TranscriptAsync();
        Assert.Contains(transcript, item => item.GetProperty("Type").GetString() == "MESSAGE" && item.GetProperty("Content").GetString() == "hello from redis");
        Assert.Equal(AwsAssert.Started(replayed).ContactId, AwsAssert.Started(again).ContactId);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(HttpMethod.Get, "/health")).Status);
    }

    [Fact]
    public async Task Calls_WhileRedisIsDown_AnswerInternalErrorsAtOnce_AndRecoverWhenItReturns()
    {
        var chat = await NewChat().StartAsync();
        App.Redis.Stop();
        try
        {
            var clock = Stopwatch.StartNew();
            var start = await Client.StartChatAsync(Requests.Minimal().ToJsonString());
            var connect = await chat.CallAsync("/participant/connection", """{"Type":["CONNECTION_CREDENTIALS"]}""", chat.ParticipantToken);
            var health = await Client.SendAsync(HttpMethod.Get, "/health");
            clock.Stop();

            AwsAssert.Error(start, HttpStatusCode.InternalServerError, "InternalServiceException");
            AwsAssert.Error(connect, HttpStatusCode.InternalServerError, "InternalServerException");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
            Assert.True(clock.Elapsed < Prompt, $"three calls took {clock.Elapsed} while Redis was down");
        }
        finally
        {
            await App.Redis.StartAsync();
        }

        var healthy = Stopwatch.StartNew();
        while ((await Client.SendAsync(HttpMethod.Get, "/health")).Status != HttpStatusCode.OK)
        {
            Assert.True(healthy.Elapsed < TimeSpan.FromSeconds(30), "/health stayed unhealthy after Redis came back");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        // The server came back empty (it keeps nothing on disk here): a new chat works end to end.
        var after = await NewChat().StartAsync();
        await after.ConnectAsync();
        await after.SendMessageAsync("back again");
        Assert.Contains(await after.TranscriptAsync(), item => item.TryGetProperty("Content", out var content) && content.GetString() == "back again");
    }
}
