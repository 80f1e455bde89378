using ConnectMock.Contacts;
using ConnectMock.Contacts.Storage;
using Microsoft.Extensions.Options;

namespace ConnectMock.Tests.Contacts;

/// <summary>
/// The store against a list that does what the store promises the slow way: random starts (new, replayed, expired
/// tokens, oversized records), reads, changes, removals, resets and queries with every filter.
/// </summary>
public sealed class InMemoryContactStoreModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static ChatContact Contact(string instanceId, string? token, string flow, int contentLength, DateTimeOffset at) =>
        new(Guid.NewGuid(), Guid.NewGuid(), ConnectMock.Contacts.ChatTokens.ParticipantSecret.New(),
            ChatRequests.Of(instanceId, flow, "Jane") with { ClientToken = token, InitialMessage = new ChatMessageContent("text/plain", new string('x', contentLength)) },
            at, null);

    private sealed record Modelled(Guid Id, string Instance, string? Token, string Flow, DateTimeOffset At, long Seq);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RandomOperations_MatchASimpleModel(int seed)
    {
        var lifetime = TimeSpan.FromHours(1);
        var store = new InMemoryContactStore(Options.Create(new ContactStoreOptions { MaxContacts = 1500, MaxMemoryMegabytes = 60_000, ClientTokenLifetime = lifetime }));
        var rng = new Random(seed);
        var model = new List<Modelled>();
        var created = new Dictionary<Guid, ChatContact>();
        var all = new List<Guid>();
        var now = Now;
        long seq = 0;
        string[] instances = ["a", "b", "c"];
        string?[] tokens = [null, "", "t\ud800", .. Enumerable.Range(0, 3000).Select(i => $"tok{i}")];
        for (var step = 0; step < 60_000; step++)
        {
            var op = rng.Next(100);
            if (op < 60)
            {
                now += TimeSpan.FromSeconds(rng.Next(0, 5));
                var inst = instances[rng.Next(3)];
                var tok = tokens[rng.Next(tokens.Length)];
                var size = rng.Next(100) == 0 ? 300_000 : rng.Next(10, 3000);
                var flow = rng.Next(2) == 0 ? "f1" : "f2";
                var c = Contact(inst, tok, flow, size, now);
                var r = store.AddOrGetExisting(inst, tok, now, null, () => c);
                var earlier = string.IsNullOrEmpty(tok) ? null : model.LastOrDefault(m => m.Instance == inst && m.Token == tok);
                if (earlier is not null && now - earlier.At < lifetime)
                {
                    Assert.Equal(StartOutcome.Replayed, r.Outcome);
                    Assert.Equal(earlier.Id, r.Contact!.ContactId);
                }
                else
                {
                    Assert.Equal(StartOutcome.Created, r.Outcome);
                    seq = c.Sequence;
                    model.Add(new Modelled(c.ContactId, inst, tok, flow, now, c.Sequence));
                    created[c.ContactId] = c;
                    all.Add(c.ContactId);
                    while (model.Count > 1500)
                    {
                        model.RemoveAt(0);
                    }
                }
            }
            else if (op < 75 && all.Count > 0)
            {
                var id = all[rng.Next(all.Count)];
                var f = store.Find(id);
                var m = model.FirstOrDefault(x => x.Id == id);
                Assert.Equal(m is null, f is null);
                if (f is not null)
                {
                    var c = created[id];
                    Assert.Equal(c.ParticipantId, f.ParticipantId);
                    Assert.Equal(c.ParticipantToken, f.ParticipantToken);
                    Assert.Equal(c.InitiatedAt, f.InitiatedAt);
                    Assert.Equal(c.ExpiresAt, f.ExpiresAt);
                    Assert.Equal(c.Sequence, f.Sequence);
                    Assert.True(c.Request.HasSameParametersAs(f.Request));
                    Assert.Equal(c.Request.ClientToken, f.Request.ClientToken);
                    Assert.True(store.Change(f, () => 10));
                }
            }
            else if (op < 77)
            {
                var inst = instances[rng.Next(3)];
                Assert.Equal(model.Count(m => m.Instance == inst), store.RemoveInstance(inst));
                model.RemoveAll(m => m.Instance == inst);
            }
            else if (op < 78 && rng.Next(10) == 0)
            {
                store.Clear();
                model.Clear();
            }
            else
            {
                var inst = rng.Next(2) == 0 ? null : instances[rng.Next(3)];
                var tok = rng.Next(2) == 0 ? null : tokens[rng.Next(tokens.Length)];
                var flow = rng.Next(2) == 0 ? null : (rng.Next(2) == 0 ? "f1" : "f2");
                long? before = rng.Next(2) == 0 ? null : seq - rng.Next(0, 2000);
                var limit = rng.Next(1, 50);
                var expected = model.AsEnumerable().Reverse()
                    .Where(m => (inst is null || m.Instance == inst) && (tok is null || m.Token == tok) && (flow is null || m.Flow == flow) && (before is null || m.Seq < before))
                    .Take(limit).Select(m => m.Id).ToList();
                var actual = store.Query(new ContactQuery(inst, tok, flow, before, limit), c => c.ContactId).ToList();
                Assert.Equal(expected, actual);
            }

            Assert.Equal(model.Count, store.Count);
        }
    }

    [Fact]
    public void RandomStartsReadsAndGrowth_StayWithinTheBudget_AndCountBackToZero()
    {
        var store = new InMemoryContactStore(Options.Create(new ContactStoreOptions { MaxContacts = 100_000, MaxMemoryMegabytes = 2 }));
        var rng = new Random(7);
        var ids = new List<Guid>();
        var now = Now;
        var forgotten = 0;
        store.Forgotten += l => forgotten += l.Count;
        for (var i = 0; i < 20_000; i++)
        {
            var inst = "i" + rng.Next(3);
            var size = rng.Next(50) == 0 ? 400_000 : rng.Next(10, 5000);
            var c = new ChatContact(Guid.NewGuid(), Guid.NewGuid(), ConnectMock.Contacts.ChatTokens.ParticipantSecret.New(),
                ChatRequests.Of(inst, "flow", "Jane") with { ClientToken = "t" + rng.Next(500), InitialMessage = new ChatMessageContent("text/plain", new string('x', size)) }, now, null);
            store.AddOrGetExisting(inst, c.Request.ClientToken, now, null, () => c);
            ids.Add(c.ContactId);
            if (rng.Next(3) == 0 && store.Find(ids[rng.Next(ids.Count)]) is { } f)
            {
                Assert.True(store.Change(f, () => f.Grow(rng.Next(0, 2000))));
            }

            Assert.True(store.EstimatedBytes <= 8 * 1024 * 1024, $"{store.EstimatedBytes}");
        }

        store.RemoveInstance("i0");
        store.RemoveInstance("i1");
        store.RemoveInstance("i2");
        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.EstimatedBytes);
        // Emptied, the arena keeps the chunk it was filling and four spares.
        Assert.True(store.RecordBytes <= 5 * RecordArena.DefaultChunkSize, $"{store.RecordBytes}");
    }
}
