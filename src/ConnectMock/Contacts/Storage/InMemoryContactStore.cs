using System.Buffers;
using Microsoft.Extensions.Options;

namespace ConnectMock.Contacts.Storage;

/// <summary>
/// Contacts in memory, evicted oldest first beyond a count and a memory budget. One lock guards every index:
/// an insert is a few array and dictionary operations, far cheaper than the HTTP request around it, and a single
/// lock makes "check the token and the quota, then insert" atomic without the retry loops a lock-free design needs.
/// </summary>
/// <remarks>
/// A stored contact is a struct in one array (<see cref="Slot"/>) and its request's bytes in a
/// <see cref="RecordArena"/>, linked into its indexes by array positions: no object per contact, so that a load test
/// that starts thousands of chats a second gives the garbage collector nothing to copy (with an object graph per
/// contact, promoting them was most of this server's tail latency). A contact becomes a kept <see cref="ChatContact"/>
/// when something may change it (Find, Change) and when its ClientToken is replayed (a retrying client sends it again
/// and again, and one object serves them all), and that one object then stays with it, so that its later state
/// (its end, its attributes, its chat) lives exactly as long as the contact is stored. A kept object is counted
/// against the memory budget, which it can exceed the record's bytes of many times over (a map of thousands of
/// tiny attributes), so keeping one evicts the oldest contacts at once, as an insert does. Reads that only show a
/// contact (View, Query) get its kept object if it has one, and otherwise a copy decoded for them that the store
/// neither keeps nor counts. Nor is the object that <see cref="AddOrGetExisting"/> creates kept: the caller answers
/// with it and drops it.
/// </remarks>
internal sealed class InMemoryContactStore(IOptions<ContactStoreOptions> options) : IContactStore
{
    /// <summary>What a contact costs besides its record: its slot and its entries in the indexes.</summary>
    public const int SlotOverheadBytes = 256;

    private const int None = -1;
    private const int InitialSlots = 1024;
    private const int StackTokenBytes = 1024;

    private readonly int _maxContacts = options.Value.MaxContacts;
    private readonly long _maxBytes = options.Value.MaxMemoryMegabytes * 1024L * 1024L;
    private readonly TimeSpan _tokenLifetime = options.Value.ClientTokenLifetime;

    private readonly Lock _gate = new();
    private readonly RecordArena _arena = new();
    private ArrayBufferWriter<byte> _encoding = new(1024);
    private readonly Dictionary<Guid, int> _byId = [];
    private readonly Dictionary<string, InstanceContacts> _instances = new(StringComparer.Ordinal);
    private readonly List<InstanceContacts?> _instanceAt = [];
    private readonly Stack<int> _freeInstanceIndexes = new();
    private readonly Stack<int> _freeSlots = new();
    private Slot[] _slots = new Slot[InitialSlots];
    private ChatContact?[] _objects = new ChatContact?[InitialSlots];
    private int _slotsUsed;

    // Token index: a chained hash table threaded through the slots; a bucket holds a slot's position + 1.
    private int[] _tokenBuckets = new int[InitialSlots];
    private int _tokens;

    private int _oldest = None;
    private int _newest = None;
    private long _bytes;
    private long _sequence;

    public event Action<IReadOnlyList<ChatContact>>? Forgotten;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>The bytes counted against the memory budget now (records, slots, and the objects of read contacts).</summary>
    public long EstimatedBytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The bytes of the arena's chunks: the request records' real footprint.</summary>
    public long RecordBytes
    {
        get
        {
            lock (_gate)
            {
                return _arena.AllocatedBytes;
            }
        }
    }

    public StartResult AddOrGetExisting(string instanceId, string? clientToken, DateTimeOffset now, int? maxActiveChats, Func<ChatContact> create)
    {
        // A request without a token (raw HTTP; SDKs always send one) starts a new contact every time; so does an
        // empty one, which would otherwise make every such request of an instance share one contact.
        var indexed = !string.IsNullOrEmpty(clientToken);
        var maxTokenBytes = indexed ? ChatRequestCodec.MaxEncodedBytes(clientToken!.Length) : 0;
        byte[]? rented = maxTokenBytes > StackTokenBytes ? ArrayPool<byte>.Shared.Rent(maxTokenBytes) : null;
        Span<byte> buffer = rented ?? stackalloc byte[maxTokenBytes]; // sized to the token: stackalloc zeroes what it takes
        var token = new TokenKey(instanceId, indexed ? buffer[..ChatRequestCodec.Encode(clientToken!, buffer)] : default, indexed);
        List<ChatContact>? forgotten = null;
        try
        {
            lock (_gate)
            {
                return AddOrGetExistingLocked(token, now, maxActiveChats, create, ref forgotten);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            Announce(forgotten);
        }
    }

    private StartResult AddOrGetExistingLocked(
        TokenKey token, DateTimeOffset now, int? maxActiveChats, Func<ChatContact> create, ref List<ChatContact>? forgotten)
    {
        var earlier = token.Indexed ? FindToken(token) : None;
        if (earlier != None && now.UtcTicks - _slots[earlier].InitiatedAtTicks < _tokenLifetime.Ticks)
        {
            return new StartResult(StartOutcome.Replayed, Kept(earlier, ref forgotten));
        }

        if (maxActiveChats is { } max && ActiveChatsLocked(token.InstanceId, now) >= max)
        {
            return new StartResult(StartOutcome.QuotaExceeded, null);
        }

        var contact = create();
        contact.Sequence = ++_sequence;
        _encoding.ResetWrittenCount();
        ChatRequestCodec.Write(_encoding, contact.Request, contact.ContinuedFromContactId);

        var position = NewSlot();
        var instance = Instance(token.InstanceId);
        ref var slot = ref _slots[position];
        slot = new Slot
        {
            ContactId = contact.ContactId,
            ParticipantId = contact.ParticipantId,
            Secret = contact.Secret,
            Sequence = contact.Sequence,
            InitiatedAtTicks = contact.InitiatedAt.UtcTicks,
            ExpiresAtTicks = contact.ExpiresAt.UtcTicks,
            Record = _arena.Add(_encoding.WrittenSpan),
            Bytes = SlotOverheadBytes + _encoding.WrittenCount,
            Instance = instance.Index,
            Newer = None,
            Older = _newest,
            NewerInInstance = None,
            OlderInInstance = instance.Newest,
            NextWithTokenHash = None,
        };
        LinkNewest(position, instance);
        _byId.Add(contact.ContactId, position);
        _bytes += slot.Bytes;
        if (token.Indexed)
        {
            if (earlier != None)
            {
                UnindexToken(earlier); // an expired use of the token: the new contact takes it over
            }

            IndexToken(position, token.Hash);
        }

        EvictBeyondBounds(position, ref forgotten);
        return new StartResult(StartOutcome.Created, contact);
    }

    public ChatContact? Find(Guid contactId)
    {
        List<ChatContact>? forgotten = null;
        try
        {
            lock (_gate)
            {
                return _byId.TryGetValue(contactId, out var position) ? Kept(position, ref forgotten) : null;
            }
        }
        finally
        {
            Announce(forgotten);
        }
    }

    public ChatContact? View(Guid contactId)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(contactId, out var position) ? Shown(position) : null;
        }
    }

    public bool Change(ChatContact contact, Func<long> change)
    {
        // Under the store's lock, so that eviction never sees a size that the budget has not been charged for.
        List<ChatContact>? forgotten = null;
        try
        {
            lock (_gate)
            {
                if (!_byId.TryGetValue(contact.ContactId, out var position))
                {
                    return false;
                }

                if (_objects[position] is null)
                {
                    Keep(position, contact);
                }
                else if (!ReferenceEquals(_objects[position], contact))
                {
                    return false; // a copy from before the contact was first read; its changes would be lost
                }

                var growth = change();
                _slots[position].Bytes += growth;
                _bytes += growth;
                EvictBeyondBounds(position, ref forgotten);
                return true;
            }
        }
        finally
        {
            Announce(forgotten);
        }
    }

    public IReadOnlyList<T> Query<T>(ContactQuery query, Func<ChatContact, T> view)
    {
        var token = Encoded(query.ClientToken);
        var flow = Encoded(query.ContactFlowId);
        lock (_gate)
        {
            var byInstance = query.InstanceId is not null;
            var next = !byInstance ? _newest : _instances.TryGetValue(query.InstanceId!, out var instance) ? instance.Newest : None;
            var page = new List<int>();
            while (next != None && page.Count < query.Limit)
            {
                ref var slot = ref _slots[next];
                var record = _arena.Get(slot.Record);
                if ((query.Before is null || slot.Sequence < query.Before)
                    && (token is null || ChatRequestCodec.Token(record).SequenceEqual(token))
                    && (flow is null || ChatRequestCodec.ContactFlowId(record).SequenceEqual(flow)))
                {
                    page.Add(next);
                }

                next = byInstance ? slot.OlderInInstance : slot.Older;
            }

            // One decoded copy at a time, dropped once viewed: a page of large contacts never lives all at once.
            return page.ConvertAll(position => view(Shown(position)));
        }
    }

    public void Clear()
    {
        List<ChatContact> forgotten;
        lock (_gate)
        {
            forgotten = [.. _objects.Where(c => c?.ExistingSession is not null).Select(c => c!)];
            _byId.Clear();
            _instances.Clear();
            _instanceAt.Clear();
            _freeInstanceIndexes.Clear();
            _freeSlots.Clear();
            _slots = new Slot[InitialSlots];
            _objects = new ChatContact?[InitialSlots];
            _slotsUsed = 0;
            _tokenBuckets = new int[InitialSlots];
            _tokens = 0;
            _oldest = _newest = None;
            _arena.Clear();
            _encoding = new ArrayBufferWriter<byte>(1024); // a huge request's buffer is not kept past a reset
            _bytes = 0;
        }

        Announce(forgotten);
    }

    public int RemoveInstance(string instanceId)
    {
        List<ChatContact>? forgotten = null;
        var removed = 0;
        lock (_gate)
        {
            if (_instances.TryGetValue(instanceId, out var instance))
            {
                removed = instance.Count;
                for (var next = instance.Newest; next != None;)
                {
                    var position = next;
                    next = _slots[position].OlderInInstance;
                    Forget(position, ref forgotten);
                }
            }
        }

        Announce(forgotten);
        return removed;
    }

    public int ActiveChats(string instanceId, DateTimeOffset now)
    {
        lock (_gate)
        {
            return ActiveChatsLocked(instanceId, now);
        }
    }

    private int ActiveChatsLocked(string instanceId, DateTimeOffset now)
    {
        if (!_instances.TryGetValue(instanceId, out var instance))
        {
            return 0;
        }

        var active = 0;
        for (var next = instance.Newest; next != None; next = _slots[next].OlderInInstance)
        {
            var ended = _objects[next] is { } contact ? contact.StateAt(now) == ContactState.Ended : now.UtcTicks >= _slots[next].ExpiresAtTicks;
            active += ended ? 0 : 1;
        }

        return active;
    }

    /// <summary>The contact's one object, decoded and kept now if it has none; what no longer fits then goes.</summary>
    private ChatContact Kept(int position, ref List<ChatContact>? forgotten)
    {
        if (_objects[position] is { } kept)
        {
            return kept;
        }

        var contact = Decode(position);
        Keep(position, contact);
        EvictBeyondBounds(position, ref forgotten);
        return contact;
    }

    /// <summary>The contact to show: its kept object, or else a copy decoded from its record and not kept.</summary>
    private ChatContact Shown(int position) => _objects[position] ?? Decode(position);

    private ChatContact Decode(int position)
    {
        ref var slot = ref _slots[position];
        var (request, continuedFrom) = ChatRequestCodec.Read(_arena.Get(slot.Record));
        return new ChatContact(
            slot.ContactId, slot.ParticipantId, slot.Secret, request, new DateTimeOffset(slot.InitiatedAtTicks, TimeSpan.Zero), continuedFrom)
        {
            Sequence = slot.Sequence,
        };
    }

    private void Keep(int position, ChatContact contact)
    {
        var bytes = contact.EstimatedBytes;
        _objects[position] = contact;
        _slots[position].Bytes += bytes;
        _bytes += bytes;
    }

    private static byte[]? Encoded(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var bytes = new byte[ChatRequestCodec.MaxEncodedBytes(value.Length)];
        return bytes[..ChatRequestCodec.Encode(value, bytes)];
    }

    /// <summary>Tells listeners, outside the lock, about contacts with a chat that left the store.</summary>
    private void Announce(List<ChatContact>? forgotten)
    {
        if (forgotten is { Count: > 0 })
        {
            Forgotten?.Invoke(forgotten);
        }
    }

    private void EvictBeyondBounds(int keep, ref List<ChatContact>? forgotten)
    {
        // The contact just added, kept or grown is never evicted, even when it alone is over the memory budget: its
        // caller holds its ids. The arena's chunks count too: removals out of insertion order (RemoveInstance) can leave
        // chunks that one old record keeps alive, and evicting the oldest contacts is what frees them.
        while (_byId.Count > _maxContacts || _bytes > _maxBytes || _arena.HeldBytes > _maxBytes)
        {
            // A contact read or changed can be the oldest: then the next one goes instead.
            var oldest = _oldest == keep ? _slots[keep].Newer : _oldest;
            if (oldest == None)
            {
                return;
            }

            Forget(oldest, ref forgotten);
        }
    }

    /// <summary>Removes a contact from every index, the arena and the memory count, and frees its slot.</summary>
    private void Forget(int position, ref List<ChatContact>? forgotten)
    {
        ref var slot = ref _slots[position];
        _byId.Remove(slot.ContactId);
        UnindexToken(position);
        Unlink(position);
        _arena.Release(slot.Record);
        _bytes -= slot.Bytes;
        if (_objects[position] is { } contact)
        {
            if (contact.ExistingSession is not null)
            {
                (forgotten ??= []).Add(contact);
            }

            _objects[position] = null;
        }

        slot = default;
        _freeSlots.Push(position);
    }

    private int NewSlot()
    {
        if (_freeSlots.TryPop(out var position))
        {
            return position;
        }

        if (_slotsUsed == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
            Array.Resize(ref _objects, _objects.Length * 2);
        }

        return _slotsUsed++;
    }

    private InstanceContacts Instance(string instanceId)
    {
        if (!_instances.TryGetValue(instanceId, out var instance))
        {
            var index = _freeInstanceIndexes.TryPop(out var free) ? free : _instanceAt.Count;
            instance = new InstanceContacts(instanceId, index);
            if (index == _instanceAt.Count)
            {
                _instanceAt.Add(instance);
            }
            else
            {
                _instanceAt[index] = instance;
            }

            _instances.Add(instanceId, instance);
        }

        return instance;
    }

    private void LinkNewest(int position, InstanceContacts instance)
    {
        if (_newest != None)
        {
            _slots[_newest].Newer = position;
        }
        else
        {
            _oldest = position;
        }

        _newest = position;
        if (instance.Newest != None)
        {
            _slots[instance.Newest].NewerInInstance = position;
        }

        instance.Newest = position;
        instance.Count++;
    }

    private void Unlink(int position)
    {
        ref var slot = ref _slots[position];
        if (slot.Newer != None)
        {
            _slots[slot.Newer].Older = slot.Older;
        }
        else
        {
            _newest = slot.Older;
        }

        if (slot.Older != None)
        {
            _slots[slot.Older].Newer = slot.Newer;
        }
        else
        {
            _oldest = slot.Newer;
        }

        var instance = _instanceAt[slot.Instance]!;
        if (slot.NewerInInstance != None)
        {
            _slots[slot.NewerInInstance].OlderInInstance = slot.OlderInInstance;
        }
        else
        {
            instance.Newest = slot.OlderInInstance;
        }

        if (slot.OlderInInstance != None)
        {
            _slots[slot.OlderInInstance].NewerInInstance = slot.NewerInInstance;
        }

        if (--instance.Count == 0)
        {
            _instances.Remove(instance.Id);
            _instanceAt[instance.Index] = null;
            _freeInstanceIndexes.Push(instance.Index);
        }
    }

    private int FindToken(in TokenKey token)
    {
        for (var next = _tokenBuckets[token.Hash & (_tokenBuckets.Length - 1)] - 1; next != None; next = _slots[next].NextWithTokenHash)
        {
            ref var slot = ref _slots[next];
            if (slot.TokenHash == token.Hash
                && _instanceAt[slot.Instance]!.Id == token.InstanceId
                && ChatRequestCodec.Token(_arena.Get(slot.Record)).SequenceEqual(token.Bytes))
            {
                return next;
            }
        }

        return None;
    }

    private void IndexToken(int position, int hash)
    {
        if (_tokens >= _tokenBuckets.Length)
        {
            Rehash(_tokenBuckets.Length * 2);
        }

        ref var slot = ref _slots[position];
        slot.TokenHash = hash;
        ref var bucket = ref _tokenBuckets[hash & (_tokenBuckets.Length - 1)];
        slot.NextWithTokenHash = bucket - 1;
        bucket = position + 1;
        slot.Indexed = true;
        _tokens++;
    }

    private void UnindexToken(int position)
    {
        ref var slot = ref _slots[position];
        if (!slot.Indexed)
        {
            return;
        }

        ref var link = ref _tokenBuckets[slot.TokenHash & (_tokenBuckets.Length - 1)];
        var previous = None;
        for (var next = link - 1; next != position; next = _slots[next].NextWithTokenHash)
        {
            previous = next;
        }

        if (previous == None)
        {
            link = slot.NextWithTokenHash + 1;
        }
        else
        {
            _slots[previous].NextWithTokenHash = slot.NextWithTokenHash;
        }

        slot.NextWithTokenHash = None;
        slot.Indexed = false;
        _tokens--;
    }

    private void Rehash(int buckets)
    {
        _tokenBuckets = new int[buckets];
        for (var position = 0; position < _slotsUsed; position++)
        {
            ref var slot = ref _slots[position];
            if (slot.Indexed)
            {
                ref var bucket = ref _tokenBuckets[slot.TokenHash & (buckets - 1)];
                slot.NextWithTokenHash = bucket - 1;
                bucket = position + 1;
            }
        }
    }

    /// <summary>A stored contact: no references, so that the array of them is nothing for the GC to trace.</summary>
    private struct Slot
    {
        public Guid ContactId;
        public Guid ParticipantId;
        public ChatTokens.ParticipantSecret Secret;
        public long Sequence;
        public long InitiatedAtTicks;
        public long ExpiresAtTicks;
        public long Bytes;
        public RecordLocation Record;
        public int Instance;
        public int TokenHash;
        public int NextWithTokenHash;
        public bool Indexed;
        public int Newer;
        public int Older;
        public int NewerInInstance;
        public int OlderInInstance;
    }

    /// <summary>The contacts of one instance, newest first through the slots; its index is what a slot refers to.</summary>
    private sealed class InstanceContacts(string id, int index)
    {
        public string Id { get; } = id;

        public int Index { get; } = index;

        public int Newest { get; set; } = None;

        public int Count { get; set; }
    }

    /// <summary>A presented ClientToken, encoded as records start, with its instance.</summary>
    private readonly ref struct TokenKey(string instanceId, ReadOnlySpan<byte> bytes, bool indexed)
    {
        public string InstanceId { get; } = instanceId;

        public ReadOnlySpan<byte> Bytes { get; } = bytes;

        public bool Indexed { get; } = indexed;

        public int Hash { get; } = indexed ? Of(instanceId, bytes) : 0;

        private static int Of(string instanceId, ReadOnlySpan<byte> bytes)
        {
            var hash = new HashCode();
            hash.Add(instanceId, StringComparer.Ordinal);
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }
    }
}
