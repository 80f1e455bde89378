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
/// contact, promoting them was most of this server's tail latency). A contact's snapshot is decoded from its record
/// when asked for; the store caches it (and counts it against the memory budget, which it can exceed the record's
/// bytes of many times over: a map of thousands of tiny attributes) when the contact changes and when its
/// ClientToken is replayed (a retrying client sends it again and again); it then stays as long as the contact.
/// Reads (<see cref="Find"/>, <see cref="Query"/>) neither cache nor count, so reading leaves the store as it was. A contact's chat
/// (<see cref="ChatLog"/>) lives beside it and is counted with it. Active chats are counted per instance as they
/// start, end and expire (a heap of expiry times), so that a quota check costs no walk over the instance's contacts.
/// </remarks>
internal sealed class InMemoryContactStore(IOptions<ContactStoreOptions> options, IOptions<ChatOptions> chatOptions)
    : IContactStore, IContactCatalog
{
    /// <summary>What a contact costs besides its record: its slot and its entries in the indexes.</summary>
    public const int SlotOverheadBytes = 256;

    /// <summary>What a cached snapshot costs besides its request and its changes.</summary>
    private const int SnapshotOverheadBytes = 352;

    private const int None = -1;
    private const int InitialSlots = 1024;
    private const int StackTokenBytes = 1024;

    private readonly int _maxContacts = options.Value.MaxContacts;
    private readonly long _maxBytes = options.Value.MaxMemoryMegabytes * 1024L * 1024L;
    private readonly TimeSpan _tokenLifetime = options.Value.ClientTokenLifetime;
    private readonly int _transcriptCapacity = chatOptions.Value.MaxTranscriptItems;

    private readonly Lock _gate = new();
    private readonly RecordArena _arena = new();
    private ArrayBufferWriter<byte> _encoding = new(1024);
    private readonly Dictionary<Guid, int> _byId = [];
    private readonly Dictionary<string, InstanceContacts> _instances = new(StringComparer.Ordinal);
    private readonly List<InstanceContacts?> _instanceAt = [];
    private readonly Stack<int> _freeInstanceIndexes = new();
    private readonly Stack<int> _freeSlots = new();
    private Slot[] _slots = new Slot[InitialSlots];
    private ChatContact?[] _snapshots = new ChatContact?[InitialSlots];
    private ChatLog?[] _chats = new ChatLog?[InitialSlots];
    private int _slotsUsed;

    // Token index: a chained hash table threaded through the slots; a bucket holds a slot's position + 1.
    private int[] _tokenBuckets = new int[InitialSlots];
    private int _tokens;

    private int _oldest = None;
    private int _newest = None;
    private long _bytes;
    private long _sequence;

    public event Action<IReadOnlyList<Guid>>? Forgotten;

    public event Action<ChatChange>? Changed;

    /// <summary>This process's alone: its events are raised for its own changes, before the call returns.</summary>
    public bool Shared => false;

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

    public StartResult AddOrGetExisting(string instanceId, string? clientToken, DateTimeOffset now, int? maxActiveChats, Func<ChatContact> create)
    {
        // A request without a token (raw HTTP; SDKs always send one) starts a new contact every time; so does an
        // empty one, which would otherwise make every such request of an instance share one contact.
        var indexed = !string.IsNullOrEmpty(clientToken);
        var maxTokenBytes = indexed ? ChatRequestCodec.MaxEncodedBytes(clientToken!.Length) : 0;
        byte[]? rented = maxTokenBytes > StackTokenBytes ? ArrayPool<byte>.Shared.Rent(maxTokenBytes) : null;
        Span<byte> buffer = rented ?? stackalloc byte[maxTokenBytes]; // sized to the token: stackalloc zeroes what it takes
        var token = new TokenKey(instanceId, indexed ? buffer[..ChatRequestCodec.Encode(clientToken!, buffer)] : default, indexed);
        List<Guid>? forgotten = null;
        StartResult result = default;
        try
        {
            lock (_gate)
            {
                result = AddOrGetExistingLocked(token, now, maxActiveChats, create, ref forgotten);
                return result;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            Announce(forgotten);
            if (Changed is { } changed && result.Outcome == StartOutcome.Created && result.Contact is { } created)
            {
                changed(new ChatChange(created, []));
            }
        }
    }

    private StartResult AddOrGetExistingLocked(
        TokenKey token, DateTimeOffset now, int? maxActiveChats, Func<ChatContact> create, ref List<Guid>? forgotten)
    {
        var earlier = token.Indexed ? FindToken(token) : None;
        if (earlier != None && now.UtcTicks - _slots[earlier].InitiatedAtTicks < _tokenLifetime.Ticks)
        {
            return new StartResult(StartOutcome.Replayed, Cached(earlier, ref forgotten));
        }

        if (maxActiveChats is { } max && _instances.TryGetValue(token.InstanceId, out var existing) && ActiveChatsLocked(existing, now) >= max)
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
            ExpiresAtTicks = contact.EndsBy.UtcTicks,
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
        if (now < contact.EndsBy)
        {
            slot.CountedActive = true;
            instance.Active++;
            instance.Expiries.Enqueue(contact.ContactId, slot.ExpiresAtTicks);

            // Without a quota nothing else reads the heap: evicted contacts' entries would stay until their expiry
            // (a day by default) and the heap would grow with every contact ever started.
            RebuildIfStale(instance);
        }

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
        // Not cached: reading any number of contacts (DescribeContact, a caller's polling) leaves the store as it was.
        lock (_gate)
        {
            return _byId.TryGetValue(contactId, out var position) ? _snapshots[position] ?? Decode(position) : null;
        }
    }

    public ChatChange? Change(Guid contactId, Func<ChatContact, ContactEdit?> decide)
    {
        List<Guid>? forgotten = null;
        ChatChange? made = null;
        try
        {
            lock (_gate)
            {
                if (!_byId.TryGetValue(contactId, out var position))
                {
                    return null;
                }

                var current = Cached(position, ref forgotten);
                if (decide(current) is not { } edit)
                {
                    return new ChatChange(current, []);
                }

                var log = _chats[position];
                if (edit.ClientToken is { } use && log?.Repeated(use) is { } earlier)
                {
                    return new ChatChange(current, [earlier], Repeated: true);
                }

                var before = log?.Bytes ?? 0;
                var contact = edit.Contact ?? current;
                if (edit.Contact is not null)
                {
                    Replace(position, contact);
                }

                if (edit.Rehydrated is { Count: > 0 } past)
                {
                    log ??= _chats[position] = new ChatLog(_transcriptCapacity);
                    log.Rehydrate(past);
                }

                var posted = new List<ChatItem>(edit.Items.Count);
                if (edit.Items.Count > 0)
                {
                    log ??= _chats[position] = new ChatLog(_transcriptCapacity);
                    foreach (var item in edit.Items)
                    {
                        posted.Add(log.Post(item));
                    }

                    if (edit.ClientToken is { } first && posted.Count > 0)
                    {
                        log.Remember(first, posted[0]);
                    }
                }

                Charge(position, (log?.Bytes ?? 0) - before);
                EvictBeyondBounds(position, ref forgotten);
                made = new ChatChange(contact, posted);
                return made;
            }
        }
        finally
        {
            Announce(forgotten);
            if (made is not null)
            {
                Changed?.Invoke(made);
            }
        }
    }

    public IReadOnlyList<ChatItem>? Transcript(Guid contactId)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(contactId, out var position) ? _chats[position]?.Items ?? [] : null;
        }
    }

    public bool TryReadTranscript<T>(Guid contactId, Func<IReadOnlyList<ChatItem>, T> read, out T result)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(contactId, out var position))
            {
                result = default!;
                return false;
            }

            result = read(_chats[position]?.InPlace ?? []);
            return true;
        }
    }

    public bool HasMessage(Guid contactId, string itemId)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(contactId, out var position) && _chats[position]?.HasMessage(itemId) == true;
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
            return page.ConvertAll(position => view(_snapshots[position] ?? Decode(position)));
        }
    }

    public void Clear()
    {
        List<Guid> forgotten;
        lock (_gate)
        {
            forgotten = [.. _snapshots.Where(c => c?.Chat is not null).Select(c => c!.ContactId)];
            _byId.Clear();
            _instances.Clear();
            _instanceAt.Clear();
            _freeInstanceIndexes.Clear();
            _freeSlots.Clear();
            _slots = new Slot[InitialSlots];
            _snapshots = new ChatContact?[InitialSlots];
            _chats = new ChatLog?[InitialSlots];
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
        List<Guid>? forgotten = null;
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
            return _instances.TryGetValue(instanceId, out var instance) ? ActiveChatsLocked(instance, now) : 0;
        }
    }

    public ContactStoreUsage Usage
    {
        get
        {
            lock (_gate)
            {
                return new ContactStoreUsage(_byId.Count, _maxContacts, _bytes, _maxBytes, _arena.AllocatedBytes);
            }
        }
    }

    /// <summary>
    /// The instance's active chats at <paramref name="now"/>: those counted as they started, less those whose expiry
    /// has come since (taken off the heap now, each once) and those that ended or left the store (taken off then).
    /// </summary>
    private int ActiveChatsLocked(InstanceContacts instance, DateTimeOffset now)
    {
        while (instance.Expiries.TryPeek(out var contactId, out var expiresAtTicks) && expiresAtTicks <= now.UtcTicks)
        {
            instance.Expiries.Dequeue();
            if (_byId.TryGetValue(contactId, out var position) && _slots[position].ExpiresAtTicks == expiresAtTicks)
            {
                Uncount(position);
            }
        }

        RebuildIfStale(instance);
        return instance.Active;
    }

    /// <summary>
    /// Entries of contacts that ended early or left stay until their time comes: rebuilt when they outnumber the
    /// active ones, so the heap stays within twice the active chats (the rebuild's cost spread over the removals).
    /// </summary>
    private void RebuildIfStale(InstanceContacts instance)
    {
        if (instance.Expiries.Count <= (2 * instance.Active) + 64)
        {
            return;
        }

        instance.Expiries.Clear();
        for (var next = instance.Newest; next != None; next = _slots[next].OlderInInstance)
        {
            if (_slots[next].CountedActive)
            {
                instance.Expiries.Enqueue(_slots[next].ContactId, _slots[next].ExpiresAtTicks);
            }
        }
    }

    private void Uncount(int position)
    {
        ref var slot = ref _slots[position];
        if (slot.CountedActive)
        {
            slot.CountedActive = false;
            _instanceAt[slot.Instance]!.Active--;
        }
    }

    /// <summary>The contact's snapshot, decoded and cached now if it has none; what no longer fits then goes.</summary>
    private ChatContact Cached(int position, ref List<Guid>? forgotten)
    {
        if (_snapshots[position] is { } cached)
        {
            return cached;
        }

        var contact = Decode(position);
        Replace(position, contact);
        EvictBeyondBounds(position, ref forgotten);
        return contact;
    }

    /// <summary>Makes <paramref name="contact"/> the contact's snapshot, counting what it takes beyond the one before.</summary>
    private void Replace(int position, ChatContact contact)
    {
        ref var slot = ref _slots[position];
        if (slot.RequestObjectBytes == 0)
        {
            slot.RequestObjectBytes = ObjectSizes.Of(contact.Request);
        }

        var bytes = SnapshotOverheadBytes + slot.RequestObjectBytes
            + (contact.AttributesChanged ? ObjectSizes.Of(contact.Attributes) : 0)
            + (contact.Chat?.Members.Sum(ObjectSizes.Of) ?? 0)
            + (contact.AssociatedLater ? ObjectSizes.Of(contact.ContinuedFromContactId) + ObjectSizes.Of(contact.AssociationClientToken) : 0)
            + (contact.ParticipantTimers.IsEmpty ? 0 : ObjectSizes.ParticipantTimers)
            + (contact.Agent is { } agent ? ObjectSizes.Assignment + ObjectSizes.Of(agent.AgentId) : 0)
            + (contact.Queue is { } queue ? ObjectSizes.Assignment + ObjectSizes.Of(queue.QueueId) : 0);
        Charge(position, bytes - slot.SnapshotBytes);
        slot.SnapshotBytes = bytes;
        _snapshots[position] = contact;
        if (contact.DisconnectedAt is not null)
        {
            Uncount(position);
        }
        else if (slot.CountedActive && contact.EndsBy.UtcTicks != slot.ExpiresAtTicks)
        {
            // Its end moved (the customer connected within its window): the earlier heap entry is now stale.
            slot.ExpiresAtTicks = contact.EndsBy.UtcTicks;
            _instanceAt[slot.Instance]!.Expiries.Enqueue(contact.ContactId, slot.ExpiresAtTicks);
        }
    }

    private void Charge(int position, long bytes)
    {
        _slots[position].Bytes += bytes;
        _bytes += bytes;
    }

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
    private void Announce(List<Guid>? forgotten)
    {
        if (forgotten is { Count: > 0 })
        {
            Forgotten?.Invoke(forgotten);
        }
    }

    private void EvictBeyondBounds(int keep, ref List<Guid>? forgotten)
    {
        // The contact just added, cached or changed is never evicted, even when it alone is over the memory budget:
        // its caller holds its ids. The arena's chunks count too: removals out of insertion order (RemoveInstance)
        // can leave chunks that one old record keeps alive, and evicting the oldest contacts is what frees them.
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
    private void Forget(int position, ref List<Guid>? forgotten)
    {
        Uncount(position);
        ref var slot = ref _slots[position];
        _byId.Remove(slot.ContactId);
        UnindexToken(position);
        Unlink(position);
        _arena.Release(slot.Record);
        _bytes -= slot.Bytes;
        if (_snapshots[position]?.Chat is not null)
        {
            (forgotten ??= []).Add(slot.ContactId);
        }

        _snapshots[position] = null;
        _chats[position] = null;
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
            Array.Resize(ref _snapshots, _snapshots.Length * 2);
            Array.Resize(ref _chats, _chats.Length * 2);
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
        public long RequestObjectBytes;
        public long SnapshotBytes;
        public bool CountedActive;
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

        /// <summary>Its contacts that are active as far as the store knows (see <see cref="ActiveChatsLocked"/>).</summary>
        public int Active { get; set; }

        /// <summary>When its counted active contacts expire, soonest first.</summary>
        public PriorityQueue<Guid, long> Expiries { get; } = new();
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
