using ConnectMock.Tests.Infrastructure;
using Serilog.Events;

namespace ConnectMock.Tests.Connect;

public sealed class IdempotencyTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task StartChatContact_SameClientTokenTwice_ReturnsTheSameContact()
    {
        var first = AwsAssert.Started(await Client.StartChatAsync(Requests.Full(clientToken: "same-token").ToJsonString()));
        var second = AwsAssert.Started(await Client.StartChatAsync(Requests.Full(clientToken: "same-token").ToJsonString()));

        Assert.Equal(first, second);
        Assert.Equal(1, App.Store.Count);
    }

    [Fact]
    public async Task StartChatContact_SameTokenForAnotherInstance_StartsAnotherContact()
    {
        var first = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "t").ToJsonString()));
        var other = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "t").With("InstanceId", "other-instance").ToJsonString()));

        Assert.NotEqual(first.ContactId, other.ContactId);
        Assert.Equal(2, App.Store.Count);
    }

    [Fact]
    public async Task StartChatContact_TokensDifferOnlyInCase_AreDifferentTokens()
    {
        var lower = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "token-a").ToJsonString()));
        var upper = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "TOKEN-A").ToJsonString()));

        Assert.NotEqual(lower.ContactId, upper.ContactId);
    }

    [Fact]
    public async Task StartChatContact_WithoutToken_StartsANewContactEachTime()
    {
        var first = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().ToJsonString()));
        var second = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().ToJsonString()));

        Assert.NotEqual(first.ContactId, second.ContactId);
        Assert.Equal(2, App.Store.Count);
    }

    [Fact]
    public async Task StartChatContact_ReusedTokenWithDifferentParameters_ReturnsTheOriginalAndWarns()
    {
        var original = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "reused").ToJsonString()));

        var changed = Requests.Minimal(clientToken: "reused").With("ContactFlowId", "another-flow").With("ChatDurationInMinutes", 90);
        var replay = AwsAssert.Started(await Client.StartChatAsync(changed.ToJsonString()));

        Assert.Equal(original, replay);
        Assert.Equal(1, App.Store.Count);
        var warning = Assert.Single(App.Logs.Events, e => e.Level == LogEventLevel.Warning);
        Assert.Contains("reused with different parameters", warning.RenderMessage(), StringComparison.Ordinal);
        Assert.Contains(original.ContactId, warning.RenderMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartChatContact_ReusedTokenWithSameParameters_DoesNotWarn()
    {
        await Client.StartChatAsync(Requests.Full(clientToken: "same").ToJsonString());
        await Client.StartChatAsync(Requests.Full(clientToken: "same").ToJsonString());

        Assert.DoesNotContain(App.Logs.Events, e => e.Level == LogEventLevel.Warning);
    }

    [Fact]
    public async Task StartChatContact_FiftyConcurrentRequestsWithOneToken_CreateExactlyOneContact()
    {
        var body = Requests.Full(clientToken: "concurrent").ToJsonString();
        using var start = new SemaphoreSlim(0);
        var calls = Enumerable.Range(0, 50).Select(async _ =>
        {
            await start.WaitAsync(TestContext.Current.CancellationToken);
            return await Client.StartChatAsync(body);
        }).ToList();

        start.Release(50);
        var responses = await Task.WhenAll(calls);

        var started = responses.Select(r => AwsAssert.Started(r)).ToList();
        Assert.Single(started.Distinct());
        Assert.Equal(1, App.Store.Count);
    }

    [Fact]
    public async Task StartChatContact_TokenWithinSevenDays_ReturnsTheSameContact()
    {
        var first = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "week").ToJsonString()));

        App.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        var later = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "week").ToJsonString()));

        Assert.Equal(first, later);
    }

    [Fact]
    public async Task StartChatContact_TokenAfterSevenDays_StartsANewContact()
    {
        var first = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "week").ToJsonString()));

        App.Clock.Advance(TimeSpan.FromDays(7));
        var later = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "week").ToJsonString()));
        var again = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "week").ToJsonString()));

        Assert.NotEqual(first.ContactId, later.ContactId);
        Assert.Equal(later, again);
    }
}

/// <summary>A store of two contacts, to see tokens forgotten when their contact is evicted.</summary>
public sealed class SmallStoreFactory : ConnectMockFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("ConnectMock:Store:MaxContacts", "2")];
}

public sealed class EvictionTests(SmallStoreFactory app) : ConnectMockTest<SmallStoreFactory>(app)
{
    [Fact]
    public async Task StartChatContact_BeyondMaxContacts_EvictsTheOldestAndForgetsItsToken()
    {
        var oldest = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "a").ToJsonString()));
        await Client.StartChatAsync(Requests.Minimal(clientToken: "b").ToJsonString());
        await Client.StartChatAsync(Requests.Minimal(clientToken: "c").ToJsonString());

        Assert.Equal(2, App.Store.Count);
        Assert.Null(App.Store.Find(Guid.Parse(oldest.ContactId)));
        var again = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "a").ToJsonString()));
        Assert.NotEqual(oldest.ContactId, again.ContactId);
    }
}
