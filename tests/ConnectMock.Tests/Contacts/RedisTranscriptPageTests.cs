using System.Globalization;
using ConnectMock.Contacts;
using ConnectMock.Contacts.Storage;
using ConnectMock.Contacts.Storage.Redis;
using ConnectMock.Participant;
using ConnectMock.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace ConnectMock.Tests.Contacts;

/// <summary>
/// GetTranscript's pages on the Redis store, which reads only what a page asks for: the same pages and NextTokens as
/// the in-memory store gives for the same chat, while the chat goes on too, and a page that costs the page rather
/// than the transcript.
/// </summary>
public sealed class RedisTranscriptPageTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private const int Capacity = 1000;
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private readonly List<IDisposable> _connections = [];
    private readonly TranscriptPage _pages = new();
    private int _posted;

    public static TheoryData<string?, string?, int?, string?> Requests => new()
    {
        { null, null, null, null },
        { "BACKWARD", "ASCENDING", 15, null },
        { "FORWARD", "ASCENDING", 100, null },
        { "FORWARD", "DESCENDING", 37, null },
        { "FORWARD", "ASCENDING", 15, "id:0" },
        { "FORWARD", "ASCENDING", 15, "id:517" },
        { "BACKWARD", "ASCENDING", 15, "id:517" },
        { "BACKWARD", "DESCENDING", 100, "mostRecent:40" },
        { "FORWARD", "ASCENDING", 15, "mostRecent:0" },
        { "FORWARD", "ASCENDING", 15, "time:100" },
        { "BACKWARD", "ASCENDING", 15, "time:100" },
        { "BACKWARD", "ASCENDING", 15, "time:-5" },
        { "FORWARD", "ASCENDING", 15, "time:9999" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Pages_OfALongTranscript_AreTheInMemoryStores_ToTheLastNextToken(string? scan, string? sort, int? size, string? start)
    {
        var (memory, onRedis, contactId) = await TwoStoresWithOneChat(Capacity + 200);
        var request = Request(scan, sort, size, Start(start, memory, contactId));

        do
        {
            var expected = Page(memory, contactId, request);
            var actual = Page(onRedis, contactId, request);

            Assert.Equal(Shown(expected.Items), Shown(actual.Items));
            Assert.Equal(expected.NextToken, actual.NextToken);
            request.NextToken = actual.NextToken;
        }
        while (request.NextToken is not null);
    }

    [Fact]
    public async Task Pages_WhileTheChatGoesOn_AreTheInMemoryStores()
    {
        var (memory, onRedis, contactId) = await TwoStoresWithOneChat(Capacity);
        var backward = Request("BACKWARD", "ASCENDING", 15, null);
        var forward = Request("FORWARD", "ASCENDING", 15, new StartPosition { MostRecent = 99 });

        for (var round = 0; round < 12; round++)
        {
            foreach (var request in new[] { backward, forward })
            {
                var expected = Page(memory, contactId, request);
                var actual = Page(onRedis, contactId, request);

                Assert.Equal(Shown(expected.Items), Shown(actual.Items));
                Assert.Equal(expected.NextToken, actual.NextToken);
                request.NextToken = actual.NextToken;
            }

            // Between the calls, the chat goes on: new items at the tail, the oldest dropped beyond the capacity.
            PostTo([memory, onRedis], contactId, 7);
        }

        Assert.NotNull(backward.NextToken);
        Assert.Equal(Capacity, onRedis.Transcript(contactId)!.Count);
    }

    [Fact]
    public async Task ARead_TheChatMovesUnder_StartsAgainOnTheNewTranscript()
    {
        var (_, onRedis, contactId) = await TwoStoresWithOneChat(Capacity);
        var runs = 0;

        Assert.True(onRedis.TryReadTranscript(contactId, items =>
        {
            var oldest = items[0].Sequence;
            if (++runs == 1)
            {
                // Between the head and the page: 3 items pushed, so the 3 oldest are dropped and every index moves.
                PostTo([onRedis], contactId, 3);
            }

            return (oldest, Page: items.Skip(500).Take(15).ToList());
        }, out var read));

        Assert.Equal(2, runs);
        var now = onRedis.Transcript(contactId)!;
        Assert.Equal(now[0].Sequence, read.oldest);
        Assert.Equal(Shown(now.Skip(500).Take(15)), Shown(read.Page));
    }

    [Fact]
    public async Task ARead_TheChatKeepsMovingUnder_IsReadWholeOnce()
    {
        var (_, onRedis, contactId) = await TwoStoresWithOneChat(Capacity);
        var runs = 0;

        Assert.True(onRedis.TryReadTranscript(contactId, items =>
        {
            runs++;
            var oldest = items[0].Sequence;
            PostTo([onRedis], contactId, 1);
            return items.Skip(900).Take(15).Select(i => i.Sequence - oldest).ToList();
        }, out var offsets));

        // Three views, each moved under by its reader, then the whole transcript, which nothing moves.
        Assert.Equal(4, runs);
        Assert.Equal(Enumerable.Range(900, 15).Select(i => (long)i), offsets);
    }

    [Fact]
    public async Task APage_OfALongTranscript_FetchesThePageNotTheTranscript()
    {
        var (_, onRedis, contactId) = await TwoStoresWithOneChat(Capacity);
        var request = Request("BACKWARD", "ASCENDING", 15, null);
        var middle = Request("BACKWARD", "ASCENDING", 15, new StartPosition { MostRecent = 60 });
        onRedis.CatchUp();

        var whole = SentBy(() => onRedis.Transcript(contactId));
        var page = SentBy(() => Page(onRedis, contactId, request));
        var middlePage = SentBy(() => Page(onRedis, contactId, middle));

        // A page costs the head (17 items) and at most a window of 100 more, whatever the transcript's length: of 1,000
        // items, never an eighth. The newest page is the head alone.
        Assert.True(page * 25 < whole, $"the newest page of 15 fetched {page} B, the whole transcript {whole} B");
        Assert.True(middlePage * 8 < whole, $"a page of 15 before the newest fetched {middlePage} B, the whole transcript {whole} B");
    }

    [Fact]
    public async Task ARead_UnderARehydration_ThatKeepsTheLastSequence_StartsAgain()
    {
        // 25 posted to a capacity of 20: sequences 6..25. Then 4 past items and 1 new one: 25 items numbered again
        // 1..25, the last 20 kept, so the same sequences 6..25 now name other items (the old 7th is the new 6th).
        var (_, onRedis, contactId) = await TwoStoresWithOneChat(25, capacity: 20);
        var runs = 0;

        Assert.True(onRedis.TryReadTranscript(contactId, items =>
        {
            var first = items[0];
            if (++runs == 1)
            {
                List<ChatItem> past = [.. Enumerable.Range(0, 4).Select(i => Message(1000 + i) with { RelatedContactId = Guid.NewGuid() })];
                onRedis.Change(contactId, _ => new ContactEdit(null, [Message(_posted++)], Rehydrated: past));
            }

            return (List<ChatItem>)[first, .. items.Skip(1)];
        }, out var read));

        Assert.Equal(25, onRedis.Transcript(contactId)![^1].Sequence);
        Assert.Equal(2, runs);
        Assert.Equal(Shown(onRedis.Transcript(contactId)!), Shown(read));
    }

    public void Dispose() => _connections.AsEnumerable().Reverse().ToList().ForEach(c => c.Dispose());

    /// <summary>The in-memory store and the Redis store, each with the same contact and the same <paramref name="items"/> posted.</summary>
    private async Task<(IContactStore Memory, RedisContactStore Redis, Guid ContactId)> TwoStoresWithOneChat(int items, int capacity = Capacity)
    {
        await redis.FlushAsync();
        var memory = new InMemoryContactStore(
            Options.Create(new ContactStoreOptions { MaxMemoryMegabytes = 60_000 }),
            Options.Create(new ChatOptions { MaxTranscriptItems = capacity }));
        var onRedis = RedisStores.Connect(redis, _connections, transcriptCapacity: capacity);
        var contact = new ChatContact(Guid.NewGuid(), Guid.NewGuid(), ChatTokens.ParticipantSecret.New(), ChatRequests.Of("i", "flow"), Now, null);
        foreach (var store in new IContactStore[] { memory, onRedis })
        {
            Assert.Equal(StartOutcome.Created, store.AddOrGetExisting("i", null, Now, null, () => contact).Outcome);
        }

        PostTo([memory, onRedis], contact.ContactId, items);
        return (memory, onRedis, contact.ContactId);
    }

    /// <summary>Posts <paramref name="count"/> new messages to each store, the same ones; three share each second, so times repeat.</summary>
    private void PostTo(IContactStore[] stores, Guid contactId, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var item = Message(_posted++);
            foreach (var store in stores)
            {
                Assert.NotNull(store.Change(contactId, _ => ContactEdit.Post(item)));
            }
        }
    }

    private static ChatItem Message(int n) =>
        new($"item-{n}", ChatEvents.Message, ChatContentTypes.Plain, $"message {n}", Now.AddSeconds(n / 3),
            new ChatParticipantInfo(Guid.Empty, "Jane", ParticipantRoles.Customer), null);

    private (IReadOnlyList<ChatItem> Items, string? NextToken) Page(IContactStore store, Guid contactId, GetTranscriptRequest request)
    {
        Assert.True(store.TryReadTranscript(contactId, items => _pages.Read(items, request, contactId), out var page));
        return page;
    }

    private static GetTranscriptRequest Request(string? scan, string? sort, int? size, StartPosition? start) =>
        new() { ScanDirection = scan, SortOrder = sort, MaxResults = size, StartPosition = start };

    /// <summary>A start position from its test name: an item's id by its place, the most recent n, or a time n seconds after the first.</summary>
    private static StartPosition? Start(string? start, IContactStore store, Guid contactId)
    {
        if (start?.Split(':') is not [var kind, var value])
        {
            return null;
        }

        var n = int.Parse(value, CultureInfo.InvariantCulture);
        return kind switch
        {
            "id" => new StartPosition { Id = store.Transcript(contactId)![n].Id },
            "mostRecent" => new StartPosition { MostRecent = n },
            _ => new StartPosition { AbsoluteTime = store.Transcript(contactId)![0].AbsoluteTime.AddSeconds(n).ToString("O", CultureInfo.InvariantCulture) },
        };
    }

    /// <summary>What GetTranscript shows of each item.</summary>
    private static List<string> Shown(IEnumerable<ChatItem> items) =>
        [.. items.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Sequence} {i.Id} {i.Content} {i.AbsoluteTime:O}"))];

    /// <summary>The bytes Redis sent its clients while <paramref name="step"/> ran (INFO's own reply included, the same each time).</summary>
    private long SentBy(Action step)
    {
        var before = SentBytes();
        step();
        return SentBytes() - before;
    }

    private long SentBytes()
    {
        var info = _connections.OfType<RedisConnection>().First().Database.Execute("INFO", "stats").ToString();
        var line = info.Split('\n').Single(l => l.StartsWith("total_net_output_bytes:", StringComparison.Ordinal));
        return long.Parse(line["total_net_output_bytes:".Length..].Trim(), CultureInfo.InvariantCulture);
    }
}
