using ConnectMock.Contacts;
using Microsoft.Extensions.Options;

namespace ConnectMock.Tests.Contacts;

public sealed class InMemoryContactStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static InMemoryContactStore Store(int maxContacts = 100, int maxMegabytes = 128) =>
        new(Options.Create(new ContactStoreOptions { MaxContacts = maxContacts, MaxMemoryMegabytes = maxMegabytes }));

    private static ChatContact Contact(string instanceId = "i", string? token = null, int contentLength = 2, DateTimeOffset? at = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), ConnectMock.Chats.ChatTokens.ParticipantSecret.New(),
            new ChatRequest(instanceId, "flow", "Jane", token, null, null,
                new ChatMessageContent("text/plain", new string('x', contentLength)), null, null, null, null, null, null, null),
            at ?? Now, null);

    private static StartResult Start(InMemoryContactStore store, ChatContact contact, int? quota = null, DateTimeOffset? now = null) =>
        store.AddOrGetExisting(contact.Request.InstanceId, contact.Request.ClientToken, now ?? Now, quota, () => contact);

    [Fact]
    public void AddOrGetExisting_BeyondMaxContacts_EvictsOldestFirst()
    {
        var store = Store(maxContacts: 3);
        var contacts = Enumerable.Range(0, 5).Select(_ => Contact()).ToList();

        foreach (var contact in contacts)
        {
            Start(store, contact);
        }

        Assert.Equal(3, store.Count);
        Assert.Null(store.Find(contacts[0].ContactId));
        Assert.Null(store.Find(contacts[1].ContactId));
        Assert.All(contacts.Skip(2), c => Assert.Same(c, store.Find(c.ContactId)));
    }

    [Fact]
    public void AddOrGetExisting_ManyMoreThanMax_StaysAtMax()
    {
        var store = Store(maxContacts: 1000);

        for (var i = 0; i < 20_000; i++)
        {
            Start(store, Contact(token: $"t{i}"));
        }

        Assert.Equal(1000, store.Count);
        Assert.Equal(1000, store.Query(new ContactQuery()).Count);
    }

    [Fact]
    public void AddOrGetExisting_BeyondMemoryBudget_EvictsOldestFirst()
    {
        var store = Store(maxContacts: 1_000_000, maxMegabytes: 1);
        var big = Enumerable.Range(0, 20).Select(_ => Contact(contentLength: 100_000)).ToList(); // ~200 KB each

        foreach (var contact in big)
        {
            Start(store, contact);
        }

        Assert.InRange(store.Count, 1, 5);
        Assert.Same(big[^1], store.Find(big[^1].ContactId));
        Assert.Null(store.Find(big[0].ContactId));
    }

    [Fact]
    public void AddOrGetExisting_OneContactOverTheBudget_IsStillKept()
    {
        var store = Store(maxMegabytes: 1);
        var huge = Contact(contentLength: 1_000_000);

        Start(store, huge);

        Assert.Same(huge, store.Find(huge.ContactId));
    }

    [Fact]
    public void AddOrGetExisting_KnownToken_ReturnsExistingWithoutCreating()
    {
        var store = Store();
        var first = Contact(token: "t");
        Start(store, first);

        var created = false;
        var result = store.AddOrGetExisting("i", "t", Now, null, () =>
        {
            created = true;
            return Contact(token: "t");
        });

        Assert.Equal(StartOutcome.Replayed, result.Outcome);
        Assert.Same(first, result.Contact);
        Assert.False(created);
    }

    [Fact]
    public void AddOrGetExisting_QuotaReached_CreatesNothing()
    {
        var store = Store();
        Start(store, Contact(), quota: 2);
        Start(store, Contact(), quota: 2);

        var third = Start(store, Contact(), quota: 2);

        Assert.Equal(StartOutcome.QuotaExceeded, third.Outcome);
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void AddOrGetExisting_QuotaCountsOnlyActiveChatsOfThatInstance()
    {
        var store = Store();
        Start(store, Contact(instanceId: "other"), quota: 1);
        var ended = Contact(at: Now.AddDays(-2)); // 25-hour default duration: ended by now
        Start(store, ended, quota: 1, now: Now.AddDays(-2));

        var result = Start(store, Contact(), quota: 1);

        Assert.Equal(StartOutcome.Created, result.Outcome);
    }

    [Fact]
    public void AddOrGetExisting_ConcurrentCallsAgainstAQuota_NeverOvershoot()
    {
        var store = Store(maxContacts: 10_000);

        var outcomes = new System.Collections.Concurrent.ConcurrentBag<StartOutcome>();
        Parallel.For(0, 500, _ => outcomes.Add(Start(store, Contact(), quota: 37).Outcome));

        Assert.Equal(37, outcomes.Count(o => o == StartOutcome.Created));
        Assert.Equal(37, store.Count);
    }

    [Fact]
    public void RemoveInstance_ForgetsItsContactsAndTokensOnly()
    {
        var store = Store();
        var mine = Contact(instanceId: "a", token: "t");
        var theirs = Contact(instanceId: "b", token: "t");
        Start(store, mine);
        Start(store, theirs);

        Assert.Equal(1, store.RemoveInstance("a"));

        Assert.Null(store.Find(mine.ContactId));
        Assert.Same(theirs, store.Find(theirs.ContactId));
        Assert.Equal(StartOutcome.Created, Start(store, Contact(instanceId: "a", token: "t")).Outcome);
        Assert.Equal(StartOutcome.Replayed, Start(store, Contact(instanceId: "b", token: "t")).Outcome);
    }

    [Fact]
    public void Query_FiltersAndPagesNewestFirst()
    {
        var store = Store();
        var contacts = Enumerable.Range(0, 5).Select(i => Contact(instanceId: i % 2 == 0 ? "even" : "odd")).ToList();
        foreach (var contact in contacts)
        {
            Start(store, contact);
        }

        var even = store.Query(new ContactQuery(InstanceId: "even"));
        var page = store.Query(new ContactQuery(Before: contacts[3].Sequence, Limit: 2));

        Assert.Equal([contacts[4], contacts[2], contacts[0]], even);
        Assert.Equal([contacts[2], contacts[1]], page);
    }
}
