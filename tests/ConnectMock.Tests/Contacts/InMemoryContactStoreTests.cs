using ConnectMock.Contacts;
using ConnectMock.Contacts.Storage;
using Microsoft.Extensions.Options;

namespace ConnectMock.Tests.Contacts;

public sealed class InMemoryContactStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static InMemoryContactStore Store(int maxContacts = 100, int maxMegabytes = 128) =>
        new(Options.Create(new ContactStoreOptions { MaxContacts = maxContacts, MaxMemoryMegabytes = maxMegabytes }));

    private static ChatContact Contact(
        string instanceId = "i", string? token = null, int contentLength = 2, DateTimeOffset? at = null, Dictionary<string, string>? attributes = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), ConnectMock.Contacts.ChatTokens.ParticipantSecret.New(),
            ChatRequests.Of(instanceId, "flow", "Jane") with { ClientToken = token, Attributes = attributes, InitialMessage = new ChatMessageContent("text/plain", new string('x', contentLength)) },
            at ?? Now, null);

    /// <summary>Many attributes, each as small as allowed: three-character keys, empty values (about 5 bytes stored each).</summary>
    private static Dictionary<string, string> TinyAttributes(int count)
    {
        const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        return Enumerable.Range(0, count).ToDictionary(
            i => string.Concat(Digits[i / (36 * 36)], Digits[i / 36 % 36], Digits[i % 36]), _ => "", StringComparer.Ordinal);
    }

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
        Assert.All(contacts.Skip(2), c => Assert.Equal(c.ContactId, store.Find(c.ContactId)?.ContactId));
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
        Assert.Equal(1000, store.Query(new ContactQuery(), c => c).Count);
    }

    [Fact]
    public void AddOrGetExisting_BeyondMemoryBudget_EvictsOldestFirst()
    {
        var store = Store(maxContacts: 1_000_000, maxMegabytes: 1);
        var big = Enumerable.Range(0, 20).Select(_ => Contact(contentLength: 200_000)).ToList(); // ~200 KB each

        foreach (var contact in big)
        {
            Start(store, contact);
        }

        Assert.InRange(store.Count, 1, 5);
        Assert.NotNull(store.Find(big[^1].ContactId));
        Assert.Null(store.Find(big[0].ContactId));
    }

    [Fact]
    public void Find_BeyondTheMemoryBudget_EvictsOldestAtOnce_ButNeverTheContactFound()
    {
        // Each contact's record is about 55 KB; the object Find keeps for it is about ten times that.
        var store = Store(maxContacts: 1_000_000, maxMegabytes: 2);
        var contacts = Enumerable.Range(0, 30).Select(_ => Contact(attributes: TinyAttributes(6_000))).ToList();
        foreach (var contact in contacts)
        {
            Start(store, contact);
        }

        Assert.Equal(30, store.Count);
        var found = 0;
        foreach (var contact in contacts) // oldest first: the contact found is the oldest one, and stays
        {
            if (store.Find(contact.ContactId) is { } kept)
            {
                found++;
                Assert.Same(kept, store.Find(contact.ContactId));
            }

            Assert.InRange(store.EstimatedBytes, 0, 2 * 1024 * 1024);
        }

        Assert.InRange(found, 2, 29);
    }

    [Fact]
    public void AddOrGetExisting_ReplayedTokensBeyondTheMemoryBudget_EvictOldestAtOnce()
    {
        var store = Store(maxContacts: 1_000_000, maxMegabytes: 2);
        var contacts = Enumerable.Range(0, 30).Select(i => Contact(token: $"t{i}", attributes: TinyAttributes(10_000))).ToList();
        foreach (var contact in contacts)
        {
            Start(store, contact);
        }

        var replayed = 0;
        foreach (var contact in contacts)
        {
            var again = Start(store, Contact(token: contact.Request.ClientToken));
            if (again.Outcome == StartOutcome.Replayed)
            {
                replayed++;
                Assert.Same(again.Contact, store.Find(contact.ContactId));
            }

            Assert.InRange(store.EstimatedBytes, 0, 2 * 1024 * 1024);
        }

        Assert.InRange(replayed, 2, 29);
    }

    [Fact]
    public void ViewAndQuery_ShowWithoutKeepingOrCounting_AndShowAKeptContactAsKept()
    {
        var store = Store(maxContacts: 1_000_000, maxMegabytes: 2);
        var contacts = Enumerable.Range(0, 30).Select(_ => Contact(attributes: TinyAttributes(6_000))).ToList();
        foreach (var contact in contacts)
        {
            Start(store, contact);
        }

        var stored = store.EstimatedBytes;

        var shown = store.Query(new ContactQuery(), c => (c.ContactId, c.Attributes.Count));
        var viewed = contacts.Select(c => store.View(c.ContactId)).ToList();

        Assert.Equal(contacts.Select(c => (c.ContactId, 6_000)).Reverse(), shown);
        Assert.All(viewed, c => Assert.Equal(6_000, c!.Attributes.Count));
        Assert.Equal(stored, store.EstimatedBytes);
        Assert.Equal(30, store.Count);
        var kept = store.Find(contacts[^1].ContactId)!;
        Assert.True(store.Change(kept, () => kept.End(Now, "API") ? 0 : 0));
        Assert.Same(kept, store.View(kept.ContactId));
        Assert.Equal(["ENDED"], store.Query(new ContactQuery(Limit: 1), c => c.StateAt(Now) == ContactState.Ended ? "ENDED" : "ACTIVE"));
    }

    [Fact]
    public void Find_ManyTinyAttributes_IsCountedAtLeastAtItsRealSize()
    {
        var store = Store();
        var first = Contact(attributes: TinyAttributes(10_000));
        var contact = Contact(attributes: TinyAttributes(10_000));
        Start(store, first);
        Start(store, contact);

        // The first read also makes the thread's scratch buffer for the estimate; the second allocates only the
        // contact's own objects, an upper bound of what it keeps: its map (entries and buckets, about 28 B an entry)
        // and the keys (32 B each).
        store.Find(first.ContactId);
        var before = store.EstimatedBytes;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var found = store.Find(contact.ContactId)!;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var counted = store.EstimatedBytes - before;

        Assert.Equal(found.EstimatedBytes, counted);
        Assert.True(counted >= allocated * 0.8, $"counted {counted} B for a read that allocated {allocated} B");
        Assert.True(counted <= allocated * 2, $"counted {counted} B for a read that allocated {allocated} B");
    }

    [Fact]
    public void AddOrGetExisting_OneContactOverTheBudget_IsStillKept()
    {
        var store = Store(maxMegabytes: 1);
        var huge = Contact(contentLength: 1_000_000);

        Start(store, huge);

        Assert.Equal(huge.Request.InitialMessage, store.Find(huge.ContactId)?.Request.InitialMessage);
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
        Assert.Equal(first.ContactId, result.Contact?.ContactId);
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
        Assert.NotNull(store.Find(theirs.ContactId));
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

        var even = store.Query(new ContactQuery(InstanceId: "even"), c => c);
        var page = store.Query(new ContactQuery(Before: contacts[3].Sequence, Limit: 2), c => c);

        Assert.Equal([contacts[4].ContactId, contacts[2].ContactId, contacts[0].ContactId], even.Select(c => c.ContactId));
        Assert.Equal([contacts[2].ContactId, contacts[1].ContactId], page.Select(c => c.ContactId));
    }

    [Fact]
    public void Find_RebuildsTheContactAsItWasCreated()
    {
        var store = Store();
        var request = ChatRequests.Of("i", "flow", "Jane") with { ClientToken = "token-1", Attributes = new Dictionary<string, string> { ["k"] = "v" }, ParticipantConfiguration = new ChatParticipantConfiguration("INCREMENTAL"), InitialMessage = new ChatMessageContent("text/plain", "hi"), ChatDurationInMinutes = 60, SupportedMessagingContentTypes = ["text/plain"], PersistentChat = new PersistentChatSource("ENTIRE_PAST_SESSION", "source"), RelatedContactId = "related", CustomerId = "customer", DisconnectOnCustomerExit = ["AGENT"] };
        var created = new ChatContact(
            Guid.NewGuid(), Guid.NewGuid(), ConnectMock.Contacts.ChatTokens.ParticipantSecret.New(), request, Now, "source");
        Start(store, created);

        var found = store.Find(created.ContactId)!;

        Assert.NotSame(created, found);
        Assert.Equal(created.ParticipantId, found.ParticipantId);
        Assert.Equal(created.ParticipantToken, found.ParticipantToken);
        Assert.Equal(created.InitiatedAt, found.InitiatedAt);
        Assert.Equal(created.ExpiresAt, found.ExpiresAt);
        Assert.Equal("source", found.ContinuedFromContactId);
        Assert.Equal(created.Sequence, found.Sequence);
        Assert.Equal("token-1", found.Request.ClientToken);
        Assert.True(found.Request.HasSameParametersAs(request));
    }

    [Fact]
    public void Find_ReturnsOneObjectPerContact_SoItsChangesLast()
    {
        var store = Store();
        var contact = Contact(token: "t");
        Start(store, contact);

        var found = store.Find(contact.ContactId)!;
        Assert.True(store.Change(found, () => found.End(Now, "API") ? 0 : 0));

        Assert.Same(found, store.Find(contact.ContactId));
        Assert.Same(found, Start(store, Contact(token: "t")).Contact);
        Assert.Equal(ContactState.Ended, store.Find(contact.ContactId)!.StateAt(Now));
        Assert.Equal(0, store.ActiveChats("i", Now));
    }

    [Fact]
    public void Change_BeforeAnyRead_KeepsThatObject_AndACopyMadeBeforeTheFirstReadIsRefused()
    {
        var store = Store();
        var changed = Contact();
        var copied = Contact();
        Start(store, changed);
        Start(store, copied);

        Assert.True(store.Change(changed, () => 0));
        var read = store.Find(copied.ContactId)!;

        Assert.Same(changed, store.Find(changed.ContactId));
        Assert.False(store.Change(copied, () => 0));
        Assert.True(store.Change(read, () => 0));
    }

    [Fact]
    public void AddOrGetExisting_ExpiredToken_StartsANewContactThatTakesTheTokenOver()
    {
        var lifetime = TimeSpan.FromHours(1);
        var store = new InMemoryContactStore(Options.Create(new ContactStoreOptions { ClientTokenLifetime = lifetime }));
        var old = Contact(token: "t");
        Start(store, old);
        var later = Now + lifetime;

        var renewed = Start(store, Contact(token: "t", at: later), now: later);
        var replayed = Start(store, Contact(token: "t", at: later), now: later);

        Assert.Equal(StartOutcome.Created, renewed.Outcome);
        Assert.Equal(renewed.Contact!.ContactId, replayed.Contact!.ContactId);
        Assert.NotNull(store.Find(old.ContactId));
    }

    [Fact]
    public void AddOrGetExisting_TokensThroughEvictionAndRemoval_ReplayExactlyTheStoredOnes()
    {
        var store = Store(maxContacts: 500);
        var ids = new Dictionary<string, (Guid Id, int Order)>();
        for (var i = 0; i < 3000; i++)
        {
            var instance = i % 3 == 0 ? "a" : "b";
            var contact = Contact(instanceId: instance, token: $"token-{i % 2000}");
            if (Start(store, contact).Outcome == StartOutcome.Created)
            {
                ids[$"{instance}/token-{i % 2000}"] = (contact.ContactId, i);
            }
        }

        store.RemoveInstance("a");
        var storedAfterRemoval = store.Count;

        // Newest first, so that the starts of evicted tokens, which evict in turn, come after every replay.
        var replays = 0;
        foreach (var (key, (id, _)) in ids.OrderByDescending(entry => entry.Value.Order))
        {
            var instance = key[..1];
            var stored = store.Find(id) is not null;
            var result = Start(store, Contact(instanceId: instance, token: key[2..]), now: Now);
            Assert.Equal(stored ? StartOutcome.Replayed : StartOutcome.Created, result.Outcome);
            replays += stored ? 1 : 0;
            if (stored)
            {
                Assert.Equal(id, result.Contact!.ContactId);
            }
        }

        Assert.InRange(storedAfterRemoval, 100, 499);
        Assert.Equal(storedAfterRemoval, replays);
    }

    [Fact]
    public void AddOrGetExisting_ManyMoreThanMax_KeepsTheRecordsMemoryBounded()
    {
        var store = Store(maxContacts: 1000);
        for (var i = 0; i < 2000; i++)
        {
            Start(store, Contact(token: $"t{i}", contentLength: 1000));
        }

        var afterTwoThousand = store.RecordBytes;
        for (var i = 2000; i < 100_000; i++)
        {
            Start(store, Contact(token: $"t{i}", contentLength: 1000));
        }

        Assert.Equal(1000, store.Count);
        Assert.InRange(store.RecordBytes, 1000 * 1000, afterTwoThousand + (4 * RecordArena.DefaultChunkSize));
    }

    [Fact]
    public void Clear_ForgetsEverything_AndTheStoreWorksAfterwards()
    {
        var store = Store();
        var before = Contact(token: "t");
        Start(store, before);

        store.Clear();
        var after = Contact(token: "t");

        Assert.Equal(0, store.Count);
        Assert.Null(store.Find(before.ContactId));
        Assert.Equal(StartOutcome.Created, Start(store, after).Outcome);
        Assert.Equal(after.ContactId, Start(store, Contact(token: "t")).Contact!.ContactId);
        Assert.Equal(0, store.RecordBytes - RecordArena.DefaultChunkSize);
    }

    [Fact]
    public void RemoveInstance_BetweenOlderContacts_NeverLetsTheirChunksOutgrowTheBudget()
    {
        // One long-lived contact per chunk, the rest of each chunk removed with its instance: without eviction for
        // the chunks held, 200 cycles held 50 MB of chunks for 200 small contacts under a 1 MB budget.
        var store = Store(maxContacts: 50_000, maxMegabytes: 1);
        for (var cycle = 0; cycle < 200; cycle++)
        {
            Start(store, Contact(instanceId: "long-lived", contentLength: 10));
            for (var i = 0; i < 300; i++)
            {
                Start(store, Contact(instanceId: "per-test", contentLength: 1000));
            }

            store.RemoveInstance("per-test");
        }

        Assert.InRange(store.RecordBytes, 0, (1024 * 1024) + (4 * RecordArena.DefaultChunkSize));
        Assert.InRange(store.Count, 1, 199);
    }

    [Fact]
    public void Query_ByContactFlowId_ComparesStoredAndReadContacts()
    {
        var store = Store();
        var read = new ChatContact(Guid.NewGuid(), Guid.NewGuid(), ConnectMock.Contacts.ChatTokens.ParticipantSecret.New(),
            ChatRequests.Of("i", "flow-2", "Jane"), Now, null);
        var stored = Contact();
        Start(store, read);
        Start(store, stored);
        store.Find(read.ContactId);

        Assert.Equal([read.ContactId], store.Query(new ContactQuery(ContactFlowId: "flow-2"), c => c.ContactId));
        Assert.Equal([stored.ContactId], store.Query(new ContactQuery(ContactFlowId: "flow"), c => c.ContactId));
        Assert.Empty(store.Query(new ContactQuery(ContactFlowId: "flo"), c => c));
    }
}
