using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using ConnectMock.Contacts;
using ConnectMock.Participant;

namespace ConnectMock.ControlPlane;

/// <summary>
/// What the web console hears live (GET /_connectmock/events): contacts as they are stored and changed, the items
/// their chats post (typing and receipts included), new calls in the journal, resets. It listens to the store and
/// the journal only while a console is connected: with none, their events have no handler, so the AWS request path
/// pays one null check and builds nothing (<see cref="IsListening"/>; asserted by ConsoleFeedTests).
/// </summary>
internal sealed class ConsoleFeed(IContactStore store, RequestJournal journal, TimeProvider time)
{
    /// <summary>Consoles connected at once; one more is refused (each holds a request open and a queue).</summary>
    public const int MaxSubscribers = 32;

    /// <summary>
    /// Events queued for one console. A console that falls this far behind has its stream ended: it reconnects and
    /// reads the state afresh, which is cheaper than an unbounded queue behind a slow reader.
    /// </summary>
    public const int QueueCapacity = 2048;

    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscribers = [];

    // The Participant Service's item shape, with client text shown as the rest of the control plane shows it.
    private static readonly JsonTypeInfo<Item> ItemJson = (JsonTypeInfo<Item>)
        ClientTextConverter.Around(ParticipantJsonContext.Wire.Options).GetTypeInfo(typeof(Item));

    /// <summary>Consoles connected now.</summary>
    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Whether the feed has handlers on the store and the journal: only while a console is connected.</summary>
    public bool IsListening { get; private set; }

    /// <summary>A new console's queue; null when <see cref="MaxSubscribers"/> are connected.</summary>
    public Subscription? Subscribe()
    {
        lock (_gate)
        {
            if (_subscribers.Count >= MaxSubscribers)
            {
                return null;
            }

            var subscription = new Subscription(this);
            _subscribers.Add(subscription);
            if (!IsListening)
            {
                store.Changed += OnChanged;
                store.Forgotten += OnForgotten;
                journal.Recorded += OnRecorded;
                IsListening = true;
            }

            return subscription;
        }
    }

    /// <summary>Tells every console that the control plane reset the state (what it cleared it does not announce one by one).</summary>
    public void Reset(string? instanceId) =>
        Publish("reset", instanceId is null ? "{}" : JsonSerializer.Serialize(new Dictionary<string, string> { ["instanceId"] = instanceId }, ControlPlaneJsonContext.Default.DictionaryStringString));

    private void Unsubscribe(Subscription subscription)
    {
        lock (_gate)
        {
            if (_subscribers.Remove(subscription) && _subscribers.Count == 0 && IsListening)
            {
                store.Changed -= OnChanged;
                store.Forgotten -= OnForgotten;
                journal.Recorded -= OnRecorded;
                IsListening = false;
            }
        }
    }

    private void OnChanged(ChatChange change)
    {
        var contact = change.Contact;
        var summary = ContactSummary.From(contact, time.GetUtcNow())
            .WithLastItemAt(change.Posted.LastOrDefault(i => !i.IsTransient)?.AbsoluteTime);
        Publish("contact", JsonSerializer.Serialize(summary, ControlPlaneJsonContext.Default.ContactSummary));
        foreach (var item in change.Posted)
        {
            var shown = JsonSerializer.Serialize(Item.From(item, contact.ContactId), ItemJson);
            Publish("item", $$"""{"contactId":"{{contact.ContactId}}","transient":{{(item.IsTransient ? "true" : "false")}},"item":{{shown}}}""");
        }
    }

    private void OnForgotten(IReadOnlyList<Guid> contactIds) =>
        Publish("forgotten", JsonSerializer.Serialize(contactIds.Select(id => id.ToString()).ToList(), ControlPlaneJsonContext.Default.ListString));

    private void OnRecorded()
    {
        foreach (var subscription in Snapshot())
        {
            subscription.JournalChanged();
        }
    }

    private void Publish(string name, string data)
    {
        foreach (var subscription in Snapshot())
        {
            subscription.Offer(new ConsoleEvent(name, data));
        }
    }

    private Subscription[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _subscribers];
        }
    }

    /// <summary>One connected console: its queue of events, ended when it is disposed or falls behind.</summary>
    internal sealed class Subscription(ConsoleFeed feed) : IDisposable
    {
        private readonly Channel<ConsoleEvent> _queue = Channel.CreateBounded<ConsoleEvent>(
            new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        // One "journal" event waits in the queue at a time: a console reads the journal page afresh on it, so a burst
        // of calls is one event, not thousands.
        private int _journalQueued;

        public ChannelReader<ConsoleEvent> Events => _queue.Reader;

        /// <summary>Called by the reader as it takes a "journal" event: the next call queues another.</summary>
        public void JournalRead() => Volatile.Write(ref _journalQueued, 0);

        public void Offer(ConsoleEvent item)
        {
            if (!_queue.Writer.TryWrite(item))
            {
                _queue.Writer.TryComplete(); // fell behind: its stream ends, and the console reconnects and reloads
            }
        }

        public void JournalChanged()
        {
            if (Interlocked.Exchange(ref _journalQueued, 1) == 0)
            {
                Offer(new ConsoleEvent("journal", "{}"));
            }
        }

        public void Dispose()
        {
            _queue.Writer.TryComplete();
            feed.Unsubscribe(this);
        }
    }
}
