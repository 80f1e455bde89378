namespace ConnectMock.Contacts.Storage;

/// <summary>
/// One contact's chat as the in-memory store keeps it beside the contact: the transcript in a ring of at most its
/// capacity (the oldest item goes in O(1) when a new one comes), an index of its messages by id, and the
/// ClientTokens its participants posted with, the oldest forgotten beyond a bound. Not thread-safe: the store's lock
/// guards it. Tracks the bytes it takes by <see cref="ObjectSizes"/>.
/// </summary>
internal sealed class ChatLog(int capacity)
{
    private const int MaxRememberedClientTokens = 1000;

    // Most open chats hold a few events and no message: a small ring, and the indexes only once something goes in.
    private const int InitialRing = 4;

    private readonly int _maxClientTokens = Math.Min(MaxRememberedClientTokens, capacity);
    private Dictionary<string, long>? _messageSequences;
    private Dictionary<ClientTokenUse, ChatItem>? _byClientToken;
    private Queue<ClientTokenUse>? _clientTokensOldestFirst;
    private ChatItem[] _ring = new ChatItem[Math.Min(capacity, InitialRing)];
    private int _oldest;
    private int _count;
    private long _sequence;

    public long Bytes { get; private set; }

    /// <summary>The kept items, oldest first; their sequence numbers are consecutive.</summary>
    public IReadOnlyList<ChatItem> Items
    {
        get
        {
            var items = new ChatItem[_count];
            for (var i = 0; i < _count; i++)
            {
                items[i] = _ring[(_oldest + i) % _ring.Length];
            }

            return items;
        }
    }

    /// <summary>The kept items, oldest first, as a view of the ring itself: valid until the log next changes.</summary>
    public IReadOnlyList<ChatItem> InPlace => new RingView(this);

    public bool HasMessage(string id) => _messageSequences?.ContainsKey(id) == true;

    /// <summary>The item an earlier post with this participant's ClientToken made, if it is remembered.</summary>
    public ChatItem? Repeated(ClientTokenUse use) => _byClientToken?.GetValueOrDefault(use);

    /// <summary>Posts one item as <see cref="IContactStore.Change"/> documents; returns it as posted.</summary>
    public ChatItem Post(ChatItem item)
    {
        if (!item.IsTransient)
        {
            return Append(item);
        }

        if (item.Receipts is { } receipt)
        {
            AttachReceipt(receipt);
        }

        return item;
    }

    /// <summary>
    /// Puts a persistent chat's past items before this chat's own, as its oldest: the transcript is numbered again
    /// from 1, and beyond the capacity the oldest past items go first.
    /// </summary>
    public void Rehydrate(IReadOnlyList<ChatItem> past)
    {
        var own = Items;
        _ring = new ChatItem[Math.Min(capacity, InitialRing)];
        (_oldest, _count, _sequence, Bytes) = (0, 0, 0, Bytes - own.Sum(ObjectSizes.Of));
        _messageSequences?.Clear();
        foreach (var item in past.Concat(own))
        {
            Append(item);
        }
    }

    /// <summary>Remembers what a post with a ClientToken made: only what a repeat answers with, not its content.</summary>
    public void Remember(ClientTokenUse use, ChatItem posted)
    {
        (_byClientToken ??= [])[use] = posted with { Content = null, Receipts = null };
        (_clientTokensOldestFirst ??= new()).Enqueue(use);
        Bytes += ObjectSizes.Of(use);
        if (_clientTokensOldestFirst.Count > _maxClientTokens)
        {
            var forgotten = _clientTokensOldestFirst.Dequeue();
            _byClientToken.Remove(forgotten);
            Bytes -= ObjectSizes.Of(forgotten);
        }
    }

    private ChatItem Append(ChatItem item)
    {
        // Times are read before the store's lock, so a later post can carry an earlier time: the transcript never
        // runs backwards.
        if (_count > 0 && Newest.AbsoluteTime is var last && item.AbsoluteTime < last)
        {
            item = item with { AbsoluteTime = last };
        }

        item = item with { Sequence = ++_sequence };
        if (_count == capacity)
        {
            var oldest = _ring[_oldest];
            Forget(oldest);
            _ring[_oldest] = item;
            _oldest = (_oldest + 1) % _ring.Length;
        }
        else
        {
            if (_count == _ring.Length)
            {
                Grow();
            }

            _ring[(_oldest + _count) % _ring.Length] = item;
            _count++;
        }

        if (item.Type == ChatEvents.Message)
        {
            (_messageSequences ??= new(StringComparer.Ordinal))[item.Id] = item.Sequence;
        }

        Bytes += ObjectSizes.Of(item);
        return item;
    }

    private ChatItem Newest => _ring[(_oldest + _count - 1) % _ring.Length];

    private void Forget(ChatItem item)
    {
        if (item.Type == ChatEvents.Message)
        {
            _messageSequences?.Remove(item.Id);
        }

        Bytes -= ObjectSizes.Of(item);
    }

    private void Grow()
    {
        var ring = new ChatItem[Math.Min(capacity, _ring.Length * 2)];
        for (var i = 0; i < _count; i++)
        {
            ring[i] = _ring[(_oldest + i) % _ring.Length];
        }

        _ring = ring;
        _oldest = 0;
    }

    /// <summary>Records a receipt on the message it is for, one receipt per recipient; the transcript shows it there.</summary>
    private void AttachReceipt(MessageReceipts receipt)
    {
        if (_messageSequences is null || !_messageSequences.TryGetValue(receipt.MessageId, out var sequence))
        {
            return; // Trimmed from the transcript since the receipt was checked: only the push remains.
        }

        var index = (_oldest + (int)(sequence - Oldest.Sequence)) % _ring.Length;
        var message = _ring[index];
        var updated = message.WithReceipt(receipt.Receipts[0]);
        _ring[index] = updated;
        Bytes += ObjectSizes.Of(updated) - ObjectSizes.Of(message);
    }

    private ChatItem Oldest => _ring[_oldest];

    private sealed class RingView(ChatLog log) : IReadOnlyList<ChatItem>
    {
        public int Count => log._count;

        public ChatItem this[int index] =>
            (uint)index < (uint)log._count ? log._ring[(log._oldest + index) % log._ring.Length] : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<ChatItem> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
