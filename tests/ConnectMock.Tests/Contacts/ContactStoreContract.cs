using System.Collections.Concurrent;
using ConnectMock.Contacts;

namespace ConnectMock.Tests.Contacts;

/// <summary>
/// What every contact store promises (<see cref="IContactStore"/>, <see cref="IContactCatalog"/>), written against the
/// interfaces only: each implementation runs it by deriving a class that says how to make one. The randomized
/// test at the end checks the store against a list that does what the contract says the slow way.
/// </summary>
public abstract class ContactStoreContract
{
    private protected static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The bounds a store under test gets; memory is never the limit here (that is each implementation's own test).</summary>
    private protected sealed record Bounds(int MaxContacts = 1000, TimeSpan? ClientTokenLifetime = null, int TranscriptCapacity = 1000);

    /// <summary>A new, empty store; the domain's and the control plane's views of it.</summary>
    private protected abstract (IContactStore Store, IContactCatalog Catalog) NewStore(Bounds bounds);

    private (IContactStore Store, IContactCatalog Catalog) NewStore() => NewStore(new Bounds());

    private protected static ChatContact Contact(
        string instanceId = "i", string? token = null, string flow = "flow", DateTimeOffset? at = null, int? durationMinutes = null, int contentLength = 2) =>
        new(Guid.NewGuid(), Guid.NewGuid(), ChatTokens.ParticipantSecret.New(),
            ChatRequests.Of(instanceId, flow) with
            {
                ClientToken = token,
                InitialMessage = new ChatMessageContent("text/plain", new string('x', contentLength)),
                ChatDurationInMinutes = durationMinutes,
            },
            at ?? Now, null);

    private protected static StartResult Start(IContactStore store, ChatContact contact, int? quota = null, DateTimeOffset? now = null) =>
        store.AddOrGetExisting(contact.Request.InstanceId, contact.Request.ClientToken, now ?? Now, quota, () => contact);

    private static ChatItem Message(string text, DateTimeOffset? at = null, Guid? from = null) =>
        new(Guid.NewGuid().ToString(), ChatEvents.Message, ChatContentTypes.Plain, text, at ?? Now,
            new ChatParticipantInfo(from ?? Guid.NewGuid(), "Jane", ParticipantRoles.Customer), null);

    private static ChatContact Started(ChatContact contact) =>
        contact.WithChat(new ChatState([new ChatMember(contact.ParticipantId, "Jane", ParticipantRoles.Customer)], Ended: false));

    private static ChatChange Post(IContactStore store, Guid contactId, ChatItem item, ClientTokenUse? token = null) =>
        store.Change(contactId, _ => ContactEdit.Post(item, token))!;

    [Fact]
    public void Start_NewContact_IsFoundAsCreated()
    {
        var (store, _) = NewStore();
        // Every member set, by reflection: a member the store loses fails this, whoever adds it.
        var request = Filled.Of<ChatRequest>() with { ChatDurationInMinutes = 60 };
        var created = new ChatContact(Guid.NewGuid(), Guid.NewGuid(), ChatTokens.ParticipantSecret.New(), request, Now, "source");

        Assert.Equal(StartOutcome.Created, Start(store, created).Outcome);
        var found = store.Find(created.ContactId)!;

        Assert.Equal(created.ParticipantId, found.ParticipantId);
        Assert.Equal(created.ParticipantToken, found.ParticipantToken);
        Assert.Equal(created.InitiatedAt, found.InitiatedAt);
        Assert.Equal(created.ExpiresAt, found.ExpiresAt);
        Assert.Equal("source", found.ContinuedFromContactId);
        Assert.Equal(created.Sequence, found.Sequence);
        Assert.True(found.Sequence > 0);
        Assert.Equivalent(request, found.Request, strict: true);
        Assert.Null(found.Chat);
        Assert.Null(store.Find(Guid.NewGuid()));
    }

    [Fact]
    public void Change_AddedParticipant_KeepsItsSecretTokenAndTimeForItsParticipantToken()
    {
        var (store, _) = NewStore();
        var contact = Contact();
        Start(store, contact);
        var secret = ChatTokens.ParticipantSecret.New();
        var bot = new ChatMember(Guid.NewGuid(), "Order bot", ParticipantRoles.CustomBot)
        {
            Secret = secret,
            ClientToken = "create-participant-token",
            AddedAt = Now.AddSeconds(3),
            Joined = false,
        };

        store.Change(contact.ContactId, current => new ContactEdit(Started(current).WithChat(Started(current).Chat!.With(bot)), []));
        var found = store.Find(contact.ContactId)!;

        // Everything a participant token is checked against, so that a store that persists contacts keeps it working.
        Assert.Equal(bot, found.Chat!.Member(bot.Id));
        Assert.True(found.HasParticipantSecret(bot.Id, secret));
        Assert.False(found.HasParticipantSecret(bot.Id, contact.Secret));
        Assert.False(found.HasParticipantSecret(contact.ParticipantId, secret));
    }

    [Fact]
    public void Start_KnownToken_ReturnsTheContactItStarted_WithoutCreating()
    {
        var (store, catalog) = NewStore();
        var first = Contact(token: "t");
        Start(store, first);

        var created = false;
        var again = store.AddOrGetExisting("i", "t", Now.AddMinutes(1), null, () =>
        {
            created = true;
            return Contact(token: "t");
        });
        var otherInstance = Start(store, Contact(instanceId: "other", token: "t"));

        Assert.Equal(StartOutcome.Replayed, again.Outcome);
        Assert.Equal(first.ContactId, again.Contact!.ContactId);
        Assert.False(created);
        Assert.Equal(StartOutcome.Created, otherInstance.Outcome);
        Assert.Equal(2, catalog.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Start_WithoutAToken_CreatesEveryTime(string? token)
    {
        var (store, catalog) = NewStore();

        Assert.Equal(StartOutcome.Created, Start(store, Contact(token: token)).Outcome);
        Assert.Equal(StartOutcome.Created, Start(store, Contact(token: token)).Outcome);
        Assert.Equal(2, catalog.Count);
    }

    [Fact]
    public void Start_ExpiredToken_StartsANewContactThatTakesTheTokenOver()
    {
        var lifetime = TimeSpan.FromHours(1);
        var (store, _) = NewStore(new Bounds(ClientTokenLifetime: lifetime));
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
    public void Start_BeyondMaxContacts_EvictsOldestFirst_AndTheirTokensWithThem()
    {
        var (store, catalog) = NewStore(new Bounds(MaxContacts: 3));
        var contacts = Enumerable.Range(0, 5).Select(i => Contact(token: $"t{i}")).ToList();
        foreach (var contact in contacts)
        {
            Start(store, contact);
        }

        Assert.Equal(3, catalog.Count);
        Assert.Null(store.Find(contacts[0].ContactId));
        Assert.Null(store.Find(contacts[1].ContactId));
        Assert.All(contacts.Skip(2), c => Assert.Equal(c.ContactId, store.Find(c.ContactId)?.ContactId));
        Assert.Equal(StartOutcome.Created, Start(store, Contact(token: "t0")).Outcome);
    }

    [Fact]
    public void Start_QuotaReached_CreatesNothing()
    {
        var (store, catalog) = NewStore();
        Start(store, Contact(), quota: 2);
        Start(store, Contact(), quota: 2);

        var third = Start(store, Contact(), quota: 2);

        Assert.Equal(StartOutcome.QuotaExceeded, third.Outcome);
        Assert.Null(third.Contact);
        Assert.Equal(2, catalog.Count);
        Assert.Equal(2, store.ActiveChats("i", Now));
    }

    [Fact]
    public void Start_QuotaCountsOnlyActiveChatsOfThatInstance()
    {
        var (store, _) = NewStore();
        Start(store, Contact(instanceId: "other"), quota: 1);
        Start(store, Contact(at: Now.AddDays(-2)), quota: 1, now: Now.AddDays(-2)); // 25-hour default duration: over by now

        var result = Start(store, Contact(), quota: 1);

        Assert.Equal(StartOutcome.Created, result.Outcome);
        Assert.Equal(1, store.ActiveChats("i", Now));
        Assert.Equal(1, store.ActiveChats("other", Now));
        Assert.Equal(0, store.ActiveChats("nobody", Now));
    }

    [Fact]
    public void ActiveChats_FallAsChatsEndExpireAndLeave()
    {
        var (store, catalog) = NewStore();
        var ended = Contact();
        var expiring = Contact(durationMinutes: 60);
        var lasting = Contact();
        var removed = Contact(instanceId: "j");
        Start(store, ended);
        Start(store, expiring);
        Start(store, lasting);
        CustomerConnects(store, expiring);
        CustomerConnects(store, lasting);
        Assert.Equal(3, store.ActiveChats("i", Now));

        store.Change(ended.ContactId, c => new ContactEdit(c.Ended(Now, "API"), []));
        Assert.Equal(2, store.ActiveChats("i", Now));
        store.Change(ended.ContactId, c => new ContactEdit(c.WithAttributes(new Dictionary<string, string> { ["a"] = "b" }, Now), []));
        Assert.Equal(2, store.ActiveChats("i", Now));
        Assert.Equal(1, store.ActiveChats("i", Now.AddMinutes(60)));

        Start(store, removed);
        Assert.Equal(1, store.ActiveChats("j", Now));
        catalog.RemoveInstance("j");
        Assert.Equal(0, store.ActiveChats("j", Now));
        catalog.Clear();
        Assert.Equal(0, store.ActiveChats("i", Now));
    }

    [Fact]
    public void ActiveChats_ChatWhoseCustomerNeverConnects_EndsWithTheConnectWindow()
    {
        var (store, _) = NewStore();
        var waiting = Contact(durationMinutes: 60);
        var connected = Contact(durationMinutes: 60);
        Start(store, waiting);
        Start(store, connected);
        store.Change(connected.ContactId, c => new ContactEdit(c.WithAttributes(new Dictionary<string, string> { ["a"] = "b" }, Now), []));
        CustomerConnects(store, connected);

        Assert.Equal(2, store.ActiveChats("i", Now + ChatContact.CustomerConnectWindow - TimeSpan.FromTicks(1)));
        Assert.Equal(1, store.ActiveChats("i", Now + ChatContact.CustomerConnectWindow));
        Assert.Equal(ChatContact.NotConnectedReason, store.Find(waiting.ContactId)!.DisconnectReason(Now + ChatContact.CustomerConnectWindow));
        Assert.Equal(1, store.ActiveChats("i", Now.AddMinutes(60) - TimeSpan.FromTicks(1)));
        Assert.Equal(0, store.ActiveChats("i", Now.AddMinutes(60)));
        Assert.Equal(ChatContact.ExpiredReason, store.Find(connected.ContactId)!.DisconnectReason(Now.AddMinutes(60)));
    }

    /// <summary>The customer's first CreateParticipantConnection, as the chat domain records it.</summary>
    private static void CustomerConnects(IContactStore store, ChatContact contact) =>
        store.Change(contact.ContactId, c => new ContactEdit(
            c.WithChat(new ChatState([new ChatMember(c.ParticipantId, "customer", ParticipantRoles.Customer)], Ended: false) { CustomerConnected = true }), []));

    [Fact]
    public void Start_ConcurrentCallsAgainstAQuota_NeverOvershoot()
    {
        var (store, catalog) = NewStore(new Bounds(MaxContacts: 10_000));

        var outcomes = new ConcurrentBag<StartOutcome>();
        Parallel.For(0, 500, _ => outcomes.Add(Start(store, Contact(), quota: 37).Outcome));

        Assert.Equal(37, outcomes.Count(o => o == StartOutcome.Created));
        Assert.Equal(37, catalog.Count);
    }

    [Fact]
    public void Start_ConcurrentCallsWithOneToken_CreateOneContact()
    {
        var (store, catalog) = NewStore();

        var ids = new ConcurrentBag<Guid>();
        Parallel.For(0, 200, _ => ids.Add(Start(store, Contact(token: "same")).Contact!.ContactId));

        Assert.Single(ids.Distinct());
        Assert.Equal(1, catalog.Count);
    }

    [Fact]
    public void Change_StoresTheDecidedSnapshot_AndDecidesOnTheLatest()
    {
        var (store, _) = NewStore();
        var contact = Contact();
        Start(store, contact);
        var attributes = new Dictionary<string, string> { ["k"] = "v" };

        var first = store.Change(contact.ContactId, c => new ContactEdit(c.WithAttributes(attributes, Now.AddMinutes(1)), []))!;
        ChatContact? seen = null;
        var second = store.Change(contact.ContactId, c =>
        {
            seen = c;
            return new ContactEdit(c.Ended(Now.AddMinutes(2), "API"), []);
        })!;

        Assert.Equal("v", first.Contact.Attributes["k"]);
        Assert.Equal("v", seen!.Attributes["k"]);
        Assert.Equal(ContactState.Ended, second.Contact.StateAt(Now.AddMinutes(2)));
        var found = store.Find(contact.ContactId)!;
        Assert.Equal("v", found.Attributes["k"]);
        Assert.Equal(Now.AddMinutes(2), found.DisconnectedAt);
        Assert.Equal("API", found.DisconnectReason(Now.AddMinutes(2)));
        Assert.Equal(Now.AddMinutes(2), found.LastUpdatedAt);
    }

    [Fact]
    public void Change_NothingDecided_ChangesNothing_AndAnUnknownContactIsNull()
    {
        var (store, _) = NewStore();
        var contact = Contact();
        Start(store, contact);

        var change = store.Change(contact.ContactId, _ => null)!;

        Assert.Equal(contact.ContactId, change.Contact.ContactId);
        Assert.Empty(change.Posted);
        Assert.Null(store.Change(Guid.NewGuid(), c => new ContactEdit(c.Ended(Now, "API"), [])));
        Assert.Null(store.Find(contact.ContactId)!.DisconnectedAt);
    }

    [Fact]
    public void Change_ThatThrows_ChangesNothing()
    {
        var (store, _) = NewStore();
        var contact = Contact();
        Start(store, contact);

        Assert.Throws<InvalidOperationException>(() => store.Change(contact.ContactId, _ => throw new InvalidOperationException("refused")));

        Assert.Null(store.Find(contact.ContactId)!.DisconnectedAt);
        Assert.Equal([], store.Transcript(contact.ContactId));
    }

    [Fact]
    public void Post_KeptItems_GetConsecutiveSequences_AndNeverRunBackwardsInTime()
    {
        var (store, _) = NewStore();
        var contact = Contact();
        Start(store, contact);
        store.Change(contact.ContactId, c => new ContactEdit(Started(c), [Message("a", Now.AddSeconds(5)), Message("b", Now.AddSeconds(3))]));

        var typing = new ChatItem("typing-1", ChatEvents.Event, ChatEvents.Typing, null, Now, null, null);
        var posted = Post(store, contact.ContactId, typing);
        var third = Post(store, contact.ContactId, Message("c", Now.AddSeconds(9)));

        var transcript = store.Transcript(contact.ContactId)!;
        Assert.Equal(["a", "b", "c"], transcript.Select(i => i.Content));
        Assert.Equal([1L, 2L, 3L], transcript.Select(i => i.Sequence));
        Assert.Equal([Now.AddSeconds(5), Now.AddSeconds(5), Now.AddSeconds(9)], transcript.Select(i => i.AbsoluteTime));
        Assert.Same(typing, posted.Posted.Single());
        Assert.Equal(3, third.Posted.Single().Sequence);
        Assert.True(store.HasMessage(contact.ContactId, transcript[0].Id));
        Assert.False(store.HasMessage(contact.ContactId, "typing-1"));
        Assert.Null(store.Transcript(Guid.NewGuid()));
    }

    [Theory]
    [InlineData(ChatEvents.Typing, false)]
    [InlineData(ChatEvents.ConnectionAcknowledged, false)]
    [InlineData("application/vnd.example.custom-event", false)]
    [InlineData(ChatEvents.Invited, true)]
    [InlineData(ChatEvents.Joined, true)]
    [InlineData(ChatEvents.Left, true)]
    [InlineData(ChatEvents.Ended, true)]
    [InlineData(ChatEvents.TransferSucceeded, true)]
    [InlineData(ChatEvents.TransferFailed, true)]
    public void Post_AnEvent_IsKeptOnlyWhenGetTranscriptDocumentsItsType(string contentType, bool kept)
    {
        var (store, _) = NewStore();
        var contact = Contact();
        Start(store, contact);

        var posted = Post(store, contact.ContactId, new ChatItem("event-1", ChatEvents.Event, contentType, null, Now, null, null));

        Assert.Equal("event-1", posted.Posted.Single().Id);
        Assert.Equal(kept, store.Transcript(contact.ContactId)!.Any(i => i.Id == "event-1"));
    }

    [Fact]
    public void Post_BeyondTheTranscriptCapacity_DropsTheOldest()
    {
        var (store, _) = NewStore(new Bounds(TranscriptCapacity: 10));
        var contact = Contact();
        Start(store, contact);
        var items = Enumerable.Range(0, 25).Select(i => Message($"m{i}")).ToList();
        foreach (var item in items)
        {
            Post(store, contact.ContactId, item);
        }

        var transcript = store.Transcript(contact.ContactId)!;
        Assert.Equal(Enumerable.Range(15, 10).Select(i => $"m{i}"), transcript.Select(i => i.Content));
        Assert.Equal(Enumerable.Range(16, 10).Select(i => (long)i), transcript.Select(i => i.Sequence));
        Assert.False(store.HasMessage(contact.ContactId, items[14].Id));
        Assert.True(store.HasMessage(contact.ContactId, items[15].Id));
    }

    [Fact]
    public void Change_Rehydrated_GoBeforeTheChatsOwnItems_NumberedAgain_AndNotAsPosted()
    {
        var (store, _) = NewStore();
        var contact = Contact();
        var source = Guid.NewGuid();
        Start(store, contact);
        var own = Post(store, contact.ContactId, Message("now", Now.AddMinutes(5))).Posted.Single();
        List<ChatItem> past = [.. Enumerable.Range(0, 3).Select(i => Message($"past{i}", Now.AddMinutes(i)) with { RelatedContactId = source })];

        var change = store.Change(contact.ContactId, _ => new ContactEdit(null, [Message("after", Now.AddMinutes(6))], Rehydrated: past))!;

        Assert.Equal(["after"], change.Posted.Select(i => i.Content));
        var transcript = store.Transcript(contact.ContactId)!;
        Assert.Equal(["past0", "past1", "past2", "now", "after"], transcript.Select(i => i.Content));
        Assert.Equal([1L, 2, 3, 4, 5], transcript.Select(i => i.Sequence));
        Assert.Equal([source, source, source, null, null], transcript.Select(i => i.RelatedContactId));
        Assert.True(store.HasMessage(contact.ContactId, past[0].Id));
        Assert.True(store.HasMessage(contact.ContactId, own.Id));
    }

    [Fact]
    public void Change_Rehydrated_BeyondTheCapacity_DropsThePastFirst()
    {
        var (store, _) = NewStore(new Bounds(TranscriptCapacity: 10));
        var contact = Contact();
        Start(store, contact);
        Post(store, contact.ContactId, Message("own", Now.AddHours(1)));
        List<ChatItem> past = [.. Enumerable.Range(0, 12).Select(i => Message($"past{i}") with { RelatedContactId = Guid.NewGuid() })];

        store.Change(contact.ContactId, _ => new ContactEdit(null, [], Rehydrated: past));

        var transcript = store.Transcript(contact.ContactId)!;
        Assert.Equal([.. Enumerable.Range(3, 9).Select(i => $"past{i}"), "own"], transcript.Select(i => i.Content));
        Assert.Equal(Enumerable.Range(4, 10).Select(i => (long)i), transcript.Select(i => i.Sequence));
        Assert.False(store.HasMessage(contact.ContactId, past[2].Id));
    }

    [Fact]
    public void Change_ContinuingFrom_IsKept()
    {
        var (store, _) = NewStore();
        var contact = Contact();
        Start(store, contact);

        store.Change(contact.ContactId, c => new ContactEdit(c.ContinuingFrom("source", "token", Now.AddMinutes(1)), []));

        var found = store.Find(contact.ContactId)!;
        Assert.Equal("source", found.ContinuedFromContactId);
        Assert.Equal("token", found.AssociationClientToken);
        Assert.True(found.AssociatedLater);
        Assert.Equal(Now.AddMinutes(1), found.LastUpdatedAt);
    }

    [Fact]
    public void Change_ParticipantTimers_AreKept()
    {
        var (store, _) = NewStore();
        var contact = Contact();
        Start(store, contact);
        var timers = new ParticipantTimerSettings(5, null, 2, 480);

        store.Change(contact.ContactId, c => new ContactEdit(c.WithParticipantTimers(timers, Now.AddMinutes(1)), []));

        var found = store.Find(contact.ContactId)!;
        Assert.Equal(timers, found.ParticipantTimers);
        Assert.Equal(Now.AddMinutes(1), found.LastUpdatedAt);
        Assert.True(Contact().ParticipantTimers.IsEmpty);
    }

    [Fact]
    public void Post_Receipts_AreRecordedOnTheMessage_OnePerRecipient()
    {
        var (store, _) = NewStore();
        var contact = Contact();
        Start(store, contact);
        var message = Post(store, contact.ContactId, Message("hello")).Posted.Single();
        var reader = Guid.NewGuid();
        ChatItem Receipt(DateTimeOffset? delivered, DateTimeOffset? read) =>
            new(Guid.NewGuid().ToString(), ChatEvents.MessageMetadata, ChatEvents.Metadata, null, Now, null,
                new MessageReceipts(message.Id, [new ReceiptInfo(reader, delivered, read)]));

        Post(store, contact.ContactId, Receipt(Now.AddSeconds(1), null));
        Post(store, contact.ContactId, Receipt(null, Now.AddSeconds(2)));

        var kept = store.Transcript(contact.ContactId)!.Single();
        var receipt = Assert.Single(kept.Receipts!.Receipts);
        Assert.Equal(new ReceiptInfo(reader, Now.AddSeconds(1), Now.AddSeconds(2)), receipt);
    }

    [Fact]
    public void Post_AClientTokenUsedBefore_ReturnsTheEarlierItem_AndChangesNothing()
    {
        var (store, _) = NewStore();
        var contact = Contact();
        Start(store, contact);
        var sender = Guid.NewGuid();
        var first = Post(store, contact.ContactId, Message("once", from: sender), new ClientTokenUse(sender, "ct"));

        var again = store.Change(contact.ContactId, c => new ContactEdit(c.Ended(Now, "API"), [Message("twice", from: sender)], new ClientTokenUse(sender, "ct")))!;
        var otherSender = Post(store, contact.ContactId, Message("other"), new ClientTokenUse(Guid.NewGuid(), "ct"));

        Assert.True(again.Repeated);
        Assert.Equal(first.Posted.Single().Id, again.Posted.Single().Id);
        Assert.Equal(first.Posted.Single().AbsoluteTime, again.Posted.Single().AbsoluteTime);
        Assert.False(otherSender.Repeated);
        Assert.Equal(["once", "other"], store.Transcript(contact.ContactId)!.Select(i => i.Content));
        Assert.Null(store.Find(contact.ContactId)!.DisconnectedAt);
    }

    [Fact]
    public void Forgotten_NamesTheContactsWithAChatThatLeft_WhicheverWayTheyLeft()
    {
        var (store, catalog) = NewStore(new Bounds(MaxContacts: 2));
        var heard = new List<Guid>();
        store.Forgotten += ids =>
        {
            lock (heard)
            {
                heard.AddRange(ids);
            }
        };
        var chatting = Contact();
        var silent = Contact();
        Start(store, chatting);
        Start(store, silent);
        store.Change(chatting.ContactId, c => new ContactEdit(Started(c), []));

        Start(store, Contact());
        Start(store, Contact());
        Assert.Equal([chatting.ContactId], Heard(store, heard, 1));

        var removed = Contact(instanceId: "j");
        Start(store, removed);
        store.Change(removed.ContactId, c => new ContactEdit(Started(c), []));
        catalog.RemoveInstance("j");
        Assert.Equal([chatting.ContactId, removed.ContactId], Heard(store, heard, 2));

        var cleared = Contact();
        Start(store, cleared);
        store.Change(cleared.ContactId, c => new ContactEdit(Started(c), []));
        catalog.Clear();
        Assert.Equal([chatting.ContactId, removed.ContactId, cleared.ContactId], Heard(store, heard, 3));
    }

    [Fact]
    public void Changed_TellsEachChangeOnce_InOrder_WithTheContactAsItWasThen()
    {
        var (store, _) = NewStore();
        var heard = new List<ChatChange>();
        store.Changed += change =>
        {
            lock (heard)
            {
                heard.Add(change);
            }
        };
        var contact = Contact();
        Start(store, contact);
        store.Change(contact.ContactId, c => new ContactEdit(Started(c), []));
        Post(store, contact.ContactId, Message("one"));
        Post(store, contact.ContactId, Message("two"));
        store.Change(contact.ContactId, _ => null);
        Post(store, contact.ContactId, Message("repeat", from: contact.ParticipantId), new ClientTokenUse(contact.ParticipantId, "ct"));
        Post(store, contact.ContactId, Message("repeat", from: contact.ParticipantId), new ClientTokenUse(contact.ParticipantId, "ct"));
        store.Change(contact.ContactId, c => new ContactEdit(c.Ended(Now, "API"), []));

        var changes = Heard(store, heard, 6);
        Assert.All(changes, c => Assert.Equal(contact.ContactId, c.Contact.ContactId));
        Assert.Null(changes[0].Contact.Chat);
        Assert.Equal(["", "", "one", "two", "repeat", ""], changes.Select(c => string.Join(",", c.Posted.Select(i => i.Content))));
        Assert.Equal(changes[2].Posted.Single().Sequence + 1, changes[3].Posted.Single().Sequence);
        Assert.NotNull(changes[1].Contact.Chat);
        Assert.Null(changes[4].Contact.DisconnectedAt);
        Assert.NotNull(changes[5].Contact.DisconnectedAt);
    }

    /// <summary>
    /// What a listener has heard once it heard <paramref name="count"/> events: at once from a store of this process's
    /// own; a shared one's feed brings them after the calls return (within 30 seconds, or the test fails), and must bring
    /// no more than that.
    /// </summary>
    private static List<T> Heard<T>(IContactStore store, List<T> heard, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (store.Shared && Snapshot(heard).Count < count && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        if (store.Shared)
        {
            Thread.Sleep(100); // one more entry would be a duplicate: give it the time to show
        }

        return Snapshot(heard);

        static List<T> Snapshot(List<T> list)
        {
            lock (list)
            {
                return [.. list];
            }
        }
    }

    [Fact]
    public void RemoveInstance_ForgetsItsContactsAndTokensOnly()
    {
        var (store, catalog) = NewStore();
        var mine = Contact(instanceId: "a", token: "t");
        var theirs = Contact(instanceId: "b", token: "t");
        Start(store, mine);
        Start(store, theirs);

        Assert.Equal(1, catalog.RemoveInstance("a"));

        Assert.Null(store.Find(mine.ContactId));
        Assert.NotNull(store.Find(theirs.ContactId));
        Assert.Equal(StartOutcome.Created, Start(store, Contact(instanceId: "a", token: "t")).Outcome);
        Assert.Equal(StartOutcome.Replayed, Start(store, Contact(instanceId: "b", token: "t")).Outcome);
        Assert.Equal(0, catalog.RemoveInstance("nobody"));
    }

    [Fact]
    public void Clear_ForgetsEverything_AndTheStoreWorksAfterwards()
    {
        var (store, catalog) = NewStore();
        var before = Contact(token: "t");
        Start(store, before);

        catalog.Clear();
        var after = Contact(token: "t");

        Assert.Equal(0, catalog.Count);
        Assert.Null(store.Find(before.ContactId));
        Assert.Equal(StartOutcome.Created, Start(store, after).Outcome);
        Assert.Equal(after.ContactId, Start(store, Contact(token: "t")).Contact!.ContactId);
    }

    [Fact]
    public void Query_FiltersAndPagesNewestFirst_ShowingChangesToo()
    {
        var (store, catalog) = NewStore();
        var contacts = Enumerable.Range(0, 5)
            .Select(i => Contact(instanceId: i % 2 == 0 ? "even" : "odd", token: $"t{i % 3}", flow: i < 2 ? "f1" : "f2")).ToList();
        foreach (var contact in contacts)
        {
            Start(store, contact);
        }

        store.Change(contacts[4].ContactId, c => new ContactEdit(c.Ended(Now, "API"), []));

        Assert.Equal([contacts[4].ContactId, contacts[2].ContactId, contacts[0].ContactId],
            catalog.Query(new ContactQuery(InstanceId: "even"), c => c.ContactId));
        Assert.Equal([contacts[2].ContactId, contacts[1].ContactId],
            catalog.Query(new ContactQuery(Before: contacts[3].Sequence, Limit: 2), c => c.ContactId));
        Assert.Equal([contacts[3].ContactId, contacts[0].ContactId], catalog.Query(new ContactQuery(ClientToken: "t0"), c => c.ContactId));
        Assert.Equal([contacts[1].ContactId, contacts[0].ContactId], catalog.Query(new ContactQuery(ContactFlowId: "f1"), c => c.ContactId));
        Assert.Empty(catalog.Query(new ContactQuery(ContactFlowId: "f"), c => c));
        Assert.Equal([ContactState.Ended], catalog.Query(new ContactQuery(Limit: 1), c => c.StateAt(Now)));
    }

    // Contacts here never connect: each ends by itself at the end of the window its customer had to connect in.
    private sealed record Modelled(Guid Id, string Instance, string? Token, string Flow, DateTimeOffset At, DateTimeOffset EndsBy, long Seq)
    {
        public DateTimeOffset? EndedAt { get; set; }

        public List<string> Transcript { get; } = [];

        public bool ActiveAt(DateTimeOffset now) => EndedAt is null && now < EndsBy;
    }

    /// <summary>
    /// The store against a list that does what the contract promises the slow way: random starts (new, replayed and
    /// expired tokens, quotas), reads, ends, posts, removals, resets and queries with every filter.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RandomOperations_MatchASimpleModel(int seed)
    {
        const int MaxContacts = 1500;
        const int Capacity = 5;
        var lifetime = TimeSpan.FromHours(1);
        var (store, catalog) = NewStore(new Bounds(MaxContacts, lifetime, Capacity));
        var rng = new Random(seed);
        var model = new List<Modelled>();
        var created = new Dictionary<Guid, ChatContact>();
        var all = new List<Guid>();
        var now = Now;
        long seq = 0;
        string[] instances = ["a", "b", "c"];
        string?[] tokens = [null, "", "t\ud800", .. Enumerable.Range(0, 3000).Select(i => $"tok{i}")];
        for (var step = 0; step < 40_000; step++)
        {
            var op = rng.Next(100);
            if (op < 55)
            {
                now += TimeSpan.FromSeconds(rng.Next(0, 5));
                var inst = instances[rng.Next(3)];
                var tok = tokens[rng.Next(tokens.Length)];
                var flow = rng.Next(2) == 0 ? "f1" : "f2";
                int? quota = rng.Next(4) == 0 ? rng.Next(0, 400) : null;
                var c = Contact(inst, tok, flow, now, durationMinutes: rng.Next(60, 120), contentLength: rng.Next(10, 300));
                var r = store.AddOrGetExisting(inst, tok, now, quota, () => c);
                var earlier = string.IsNullOrEmpty(tok) ? null : model.LastOrDefault(m => m.Instance == inst && m.Token == tok);
                if (earlier is not null && now - earlier.At < lifetime)
                {
                    Assert.Equal(StartOutcome.Replayed, r.Outcome);
                    Assert.Equal(earlier.Id, r.Contact!.ContactId);
                }
                else if (quota is { } max && model.Count(m => m.Instance == inst && m.ActiveAt(now)) >= max)
                {
                    Assert.Equal(StartOutcome.QuotaExceeded, r.Outcome);
                }
                else
                {
                    Assert.Equal(StartOutcome.Created, r.Outcome);
                    Assert.True(c.Sequence > seq);
                    seq = c.Sequence;
                    model.Add(new Modelled(c.ContactId, inst, tok, flow, now, now + ChatContact.CustomerConnectWindow, c.Sequence));
                    created[c.ContactId] = c;
                    all.Add(c.ContactId);
                    while (model.Count > MaxContacts)
                    {
                        model.RemoveAt(0);
                    }
                }
            }
            else if (op < 65 && all.Count > 0)
            {
                var id = all[rng.Next(all.Count)];
                var f = store.Find(id);
                var m = model.FirstOrDefault(x => x.Id == id);
                Assert.Equal(m is null, f is null);
                if (f is not null)
                {
                    var c = created[id];
                    Assert.Equal(c.ParticipantToken, f.ParticipantToken);
                    Assert.Equal(c.InitiatedAt, f.InitiatedAt);
                    Assert.Equal(c.Sequence, f.Sequence);
                    Assert.Equal(m!.EndedAt, f.DisconnectedAt);
                    Assert.Equivalent(c.Request, f.Request, strict: true);
                    Assert.Equal(m.Transcript, store.Transcript(id)!.Select(i => i.Content));
                }
            }
            else if (op < 70 && all.Count > 0)
            {
                var id = all[rng.Next(all.Count)];
                var m = model.FirstOrDefault(x => x.Id == id);
                var change = store.Change(id, c => c.Ended(now, "API") is { } ended ? new ContactEdit(ended, []) : null);
                Assert.Equal(m is null, change is null);
                if (m is not null && m.EndedAt is null && now < m.EndsBy)
                {
                    m.EndedAt = now;
                }
            }
            else if (op < 80 && all.Count > 0)
            {
                var id = all[rng.Next(all.Count)];
                var m = model.FirstOrDefault(x => x.Id == id);
                var text = $"m{step}";
                var change = store.Change(id, _ => ContactEdit.Post(Message(text, now)));
                Assert.Equal(m is null, change is null);
                if (m is not null)
                {
                    m.Transcript.Add(text);
                    if (m.Transcript.Count > Capacity)
                    {
                        m.Transcript.RemoveAt(0);
                    }
                }
            }
            else if (op < 82)
            {
                var inst = instances[rng.Next(3)];
                Assert.Equal(model.Count(m => m.Instance == inst), catalog.RemoveInstance(inst));
                model.RemoveAll(m => m.Instance == inst);
            }
            else if (op < 83 && rng.Next(10) == 0)
            {
                catalog.Clear();
                model.Clear();
            }
            else if (op < 88)
            {
                var inst = instances[rng.Next(3)];
                Assert.Equal(model.Count(m => m.Instance == inst && m.ActiveAt(now)), store.ActiveChats(inst, now));
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
                var actual = catalog.Query(new ContactQuery(inst, tok, flow, before, limit), c => c.ContactId).ToList();
                Assert.Equal(expected, actual);
            }

            Assert.Equal(model.Count, catalog.Count);
        }
    }
}
