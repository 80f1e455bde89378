using ConnectMock.Contacts;
using ConnectMock.Contacts.Storage;
using Microsoft.Extensions.Options;

namespace ConnectMock.Tests.Contacts;

public sealed class InMemoryContactStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static InMemoryContactStore Store(int maxContacts = 100, int maxMegabytes = 128, int transcriptCapacity = 1000) =>
        new(Options.Create(new ContactStoreOptions { MaxContacts = maxContacts, MaxMemoryMegabytes = maxMegabytes }),
            Options.Create(new ChatOptions { MaxTranscriptItems = transcriptCapacity }));

    /// <summary>A change that caches the contact's snapshot, as every change does: it now counts against the budget.</summary>
    private static ChatChange? Touch(InMemoryContactStore store, Guid contactId) =>
        store.Change(contactId, c => new ContactEdit(c, []));

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
    public void AddOrGetExisting_ManyMoreThanMax_WithoutAQuota_KeepsTheExpiryHeapWithinTwiceTheActiveChats()
    {
        // Nothing reads the heap without a quota; entries of evicted contacts must still not pile up.
        var store = Store(maxContacts: 100);

        for (var i = 0; i < 20_000; i++)
        {
            Start(store, Contact(token: $"t{i}"));
        }

        Assert.InRange(ExpiryEntries(store), 100, (2 * 100) + 64);
    }

    /// <summary>Entries in the store's expiry heaps: white-box, as nothing on the store's contract shows them.</summary>
    private static int ExpiryEntries(InMemoryContactStore store)
    {
        var instances = (System.Collections.IEnumerable)typeof(InMemoryContactStore)
            .GetField("_instanceAt", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(store)!;
        return instances.Cast<object?>().OfType<object>().Sum(instance =>
        {
            var heap = instance.GetType().GetProperty("Expiries")!.GetValue(instance)!;
            return (int)heap.GetType().GetProperty("Count")!.GetValue(heap)!;
        });
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
    public void Change_BeyondTheMemoryBudget_EvictsOldestAtOnce_ButNeverTheContactChanged()
    {
        // Each contact's record is about 50 KB; the snapshot a change caches for it is over ten times that.
        var store = Store(maxContacts: 1_000_000, maxMegabytes: 2);
        var contacts = Enumerable.Range(0, 30).Select(_ => Contact(attributes: TinyAttributes(6_000))).ToList();
        foreach (var contact in contacts)
        {
            Start(store, contact);
        }

        Assert.Equal(30, store.Count);
        var changed = 0;
        foreach (var contact in contacts) // oldest first: the contact changed is the oldest one, and stays
        {
            if (Touch(store, contact.ContactId) is not null)
            {
                changed++;
                Assert.NotNull(store.Find(contact.ContactId));
            }

            Assert.InRange(store.Usage.Bytes, 0, 2 * 1024 * 1024);
        }

        Assert.InRange(changed, 2, 29);
    }

    [Fact]
    public void AddOrGetExisting_ReplayedTokensBeyondTheMemoryBudget_EvictOldestAtOnce()
    {
        var store = Store(maxContacts: 1_000_000, maxMegabytes: 2);
        var contacts = Enumerable.Range(0, 30).Select(i => Contact(token: $"t{i}", attributes: TinyAttributes(6_000))).ToList();
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
                Assert.Equal(contact.ContactId, again.Contact!.ContactId);
            }

            Assert.InRange(store.Usage.Bytes, 0, 2 * 1024 * 1024);
        }

        Assert.InRange(replayed, 2, 29);
    }

    [Fact]
    public void FindAndQuery_ShowWithoutCachingOrCounting_AndShowAChangedContactAsChanged()
    {
        var store = Store(maxContacts: 1_000_000, maxMegabytes: 2);
        var contacts = Enumerable.Range(0, 30).Select(_ => Contact(attributes: TinyAttributes(6_000))).ToList();
        foreach (var contact in contacts)
        {
            Start(store, contact);
        }

        var stored = store.Usage.Bytes;

        var shown = store.Query(new ContactQuery(), c => (c.ContactId, c.Attributes.Count));
        var found = contacts.Select(c => store.Find(c.ContactId)).ToList();

        Assert.Equal(contacts.Select(c => (c.ContactId, 6_000)).Reverse(), shown);
        Assert.All(found, c => Assert.Equal(6_000, c!.Attributes.Count));
        Assert.Equal(stored, store.Usage.Bytes);
        Assert.Equal(30, store.Count);
        store.Change(contacts[^1].ContactId, c => new ContactEdit(c.Ended(Now, "API"), []));
        Assert.Equal(ContactState.Ended, store.Find(contacts[^1].ContactId)!.StateAt(Now));
        Assert.Equal(["ENDED"], store.Query(new ContactQuery(Limit: 1), c => c.StateAt(Now) == ContactState.Ended ? "ENDED" : "ACTIVE"));
    }

    [Fact]
    public void Change_ManyTinyAttributes_IsCountedAtLeastAtItsRealSize()
    {
        var store = Store();
        var first = Contact(attributes: TinyAttributes(6_000));
        var contact = Contact(attributes: TinyAttributes(6_000));
        Start(store, first);
        Start(store, contact);

        // The first read also makes the thread's scratch buffers; the read of the second allocates only the
        // contact's own objects, an upper bound of what a cached snapshot keeps: its map (entries and buckets, about
        // 28 B an entry) and the keys (32 B each).
        store.Find(first.ContactId);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        store.Find(contact.ContactId);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var before = store.Usage.Bytes;
        Touch(store, contact.ContactId);
        var counted = store.Usage.Bytes - before;

        Assert.True(counted >= allocated * 0.8, $"counted {counted} B for a snapshot that allocated {allocated} B");
        Assert.True(counted <= allocated * 3, $"counted {counted} B for a snapshot that allocated {allocated} B");
    }

    [Fact]
    public void Post_CountsTheTranscript_AndTrimmingGivesItBack()
    {
        var store = Store(transcriptCapacity: 10);
        var contact = Contact();
        Start(store, contact);
        Touch(store, contact.ContactId);
        var before = store.Usage.Bytes;
        ChatItem Item(int length) => new(Guid.NewGuid().ToString(), ChatEvents.Message, ChatContentTypes.Plain, new string('x', length), Now, null, null);

        for (var i = 0; i < 10; i++)
        {
            store.Change(contact.ContactId, _ => ContactEdit.Post(Item(1000)));
        }

        var full = store.Usage.Bytes - before;
        for (var i = 0; i < 10; i++)
        {
            store.Change(contact.ContactId, _ => ContactEdit.Post(Item(10)));
        }

        Assert.InRange(full, 10 * 2000, 10 * 2400);
        Assert.InRange(store.Usage.Bytes - before, 10 * 20, 10 * 400);
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

        var afterTwoThousand = store.Usage.RecordBytes;
        for (var i = 2000; i < 100_000; i++)
        {
            Start(store, Contact(token: $"t{i}", contentLength: 1000));
        }

        Assert.Equal(1000, store.Count);
        Assert.InRange(store.Usage.RecordBytes, 1000 * 1000, afterTwoThousand + (4 * RecordArena.DefaultChunkSize));
    }

    [Fact]
    public void Clear_ForgetsEverything_AndReleasesTheRecords()
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
        Assert.Equal(0, store.Usage.RecordBytes - RecordArena.DefaultChunkSize);
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

        Assert.InRange(store.Usage.RecordBytes, 0, (1024 * 1024) + (4 * RecordArena.DefaultChunkSize));
        Assert.InRange(store.Count, 1, 199);
    }

    [Fact]
    public void Query_ByContactFlowId_ComparesStoredAndCachedContacts()
    {
        var store = Store();
        var read = new ChatContact(Guid.NewGuid(), Guid.NewGuid(), ConnectMock.Contacts.ChatTokens.ParticipantSecret.New(),
            ChatRequests.Of("i", "flow-2", "Jane"), Now, null);
        var stored = Contact();
        Start(store, read);
        Start(store, stored);
        Touch(store, read.ContactId);

        Assert.Equal([read.ContactId], store.Query(new ContactQuery(ContactFlowId: "flow-2"), c => c.ContactId));
        Assert.Equal([stored.ContactId], store.Query(new ContactQuery(ContactFlowId: "flow"), c => c.ContactId));
        Assert.Empty(store.Query(new ContactQuery(ContactFlowId: "flo"), c => c));
    }
}
