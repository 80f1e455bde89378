using ConnectMock.Contacts;
using ConnectMock.Contacts.Storage;
using Microsoft.Extensions.Options;

namespace ConnectMock.Tests.Contacts;

/// <summary>The in-memory store's memory budget under random starts, changes and posts of every size.</summary>
public sealed class InMemoryContactStoreBudgetTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RandomStartsChangesAndPosts_StayWithinTheBudget_AndCountBackToZero()
    {
        var store = new InMemoryContactStore(
            Options.Create(new ContactStoreOptions { MaxContacts = 100_000, MaxMemoryMegabytes = 2 }),
            Options.Create(new ChatOptions { MaxTranscriptItems = 50 }));
        var rng = new Random(7);
        var ids = new List<Guid>();
        var now = Now;
        var forgotten = 0;
        store.Forgotten += l => forgotten += l.Count;
        for (var i = 0; i < 20_000; i++)
        {
            var inst = "i" + rng.Next(3);
            var size = rng.Next(50) == 0 ? 400_000 : rng.Next(10, 5000);
            var c = new ChatContact(Guid.NewGuid(), Guid.NewGuid(), ChatTokens.ParticipantSecret.New(),
                ChatRequests.Of(inst, "flow") with { ClientToken = "t" + rng.Next(500), InitialMessage = new ChatMessageContent("text/plain", new string('x', size)) },
                now,
                null);
            store.AddOrGetExisting(inst, c.Request.ClientToken, now, null, () => c);
            ids.Add(c.ContactId);
            var id = ids[rng.Next(ids.Count)];
            switch (rng.Next(4))
            {
                case 0:
                    var attributes = Enumerable.Range(0, rng.Next(0, 200)).ToDictionary(n => $"k{n}", _ => new string('v', rng.Next(0, 50)));
                    store.Change(id, f => new ContactEdit(f.WithAttributes(attributes, now), []));
                    break;
                case 1:
                    var item = new ChatItem(Guid.NewGuid().ToString(), ChatEvents.Message, ChatContentTypes.Plain, new string('m', rng.Next(1, 1024)), now, null, null);
                    store.Change(id, _ => ContactEdit.Post(item, new ClientTokenUse(Guid.NewGuid(), new string('c', rng.Next(1, 500)))));
                    break;
                default:
                    break;
            }

            Assert.True(store.Usage.Bytes <= 8 * 1024 * 1024, $"{store.Usage.Bytes}");
        }

        store.RemoveInstance("i0");
        store.RemoveInstance("i1");
        store.RemoveInstance("i2");
        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.Usage.Bytes);
        // Emptied, the arena keeps the chunk it was filling and four spares.
        Assert.True(store.Usage.RecordBytes <= 5 * RecordArena.DefaultChunkSize, $"{store.Usage.RecordBytes}");
    }
}
