using Microsoft.Extensions.Options;

namespace ConnectMock.Contacts;

/// <summary>
/// Contacts in memory, evicted oldest first beyond a count and a memory budget. One lock guards every index:
/// an insert is a few dictionary operations, far cheaper than the HTTP request around it, and a single lock
/// makes "check the token and the quota, then insert" atomic without the retry loops a lock-free design needs.
/// </summary>
public sealed class InMemoryContactStore(IOptions<ContactStoreOptions> options) : IContactStore
{
    private readonly int _maxContacts = options.Value.MaxContacts;
    private readonly long _maxBytes = options.Value.MaxMemoryMegabytes * 1024L * 1024L;
    private readonly TimeSpan _tokenLifetime = options.Value.ClientTokenLifetime;

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, ChatContact> _byId = [];
    private readonly Dictionary<TokenKey, ChatContact> _byToken = [];
    private readonly Dictionary<string, HashSet<ChatContact>> _byInstance = new(StringComparer.Ordinal);
    private Queue<ChatContact> _oldestFirst = new();
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

    public StartResult AddOrGetExisting(string instanceId, string? clientToken, DateTimeOffset now, int? maxActiveChats, Func<ChatContact> create)
    {
        // A request without a token (raw HTTP; SDKs always send one) starts a new contact every time; so does an
        // empty one, which would otherwise make every such request of an instance share one contact.
        var key = string.IsNullOrEmpty(clientToken) ? (TokenKey?)null : new TokenKey(instanceId, clientToken);
        List<ChatContact>? forgotten = null;
        try
        {
            lock (_gate)
            {
                return AddOrGetExistingLocked(instanceId, key, now, maxActiveChats, create, ref forgotten);
            }
        }
        finally
        {
            Announce(forgotten);
        }
    }

    private StartResult AddOrGetExistingLocked(
        string instanceId, TokenKey? key, DateTimeOffset now, int? maxActiveChats, Func<ChatContact> create, ref List<ChatContact>? forgotten)
    {
        if (key is { } k && _byToken.TryGetValue(k, out var existing) && now - existing.InitiatedAt < _tokenLifetime)
        {
            return new StartResult(StartOutcome.Replayed, existing);
        }

        if (maxActiveChats is { } max && ActiveChatsLocked(instanceId, now) >= max)
        {
            return new StartResult(StartOutcome.QuotaExceeded, null);
        }

        var contact = create();
        contact.Sequence = ++_sequence;
        _byId.Add(contact.ContactId, contact);
        _oldestFirst.Enqueue(contact);
        InstanceContacts(instanceId).Add(contact);
        _bytes += contact.EstimatedBytes;
        if (key is { } newKey)
        {
            _byToken[newKey] = contact;
        }

        EvictBeyondBounds(contact, ref forgotten);
        return new StartResult(StartOutcome.Created, contact);
    }

    public ChatContact? Find(Guid contactId)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(contactId);
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
                if (!_byId.ContainsKey(contact.ContactId))
                {
                    return false;
                }

                _bytes += change();
                EvictBeyondBounds(contact, ref forgotten);
                return true;
            }
        }
        finally
        {
            Announce(forgotten);
        }
    }

    public IReadOnlyList<ChatContact> Query(ContactQuery query)
    {
        ChatContact[] all;
        lock (_gate)
        {
            all = query.InstanceId is null ? [.. _oldestFirst] : [.. _byInstance.GetValueOrDefault(query.InstanceId) ?? []];
        }

        return [.. all.Where(query.Matches).OrderByDescending(c => c.Sequence).Take(query.Limit)];
    }

    public void Clear()
    {
        List<ChatContact> forgotten;
        lock (_gate)
        {
            forgotten = [.. _oldestFirst.Where(c => c.ExistingSession is not null)];
            _byId.Clear();
            _byToken.Clear();
            _byInstance.Clear();
            _oldestFirst.Clear();
            _bytes = 0;
        }

        Announce(forgotten);
    }

    public int RemoveInstance(string instanceId)
    {
        HashSet<ChatContact>? removed;
        lock (_gate)
        {
            if (!_byInstance.Remove(instanceId, out removed))
            {
                return 0;
            }

            foreach (var contact in removed)
            {
                Forget(contact);
            }

            _oldestFirst = new Queue<ChatContact>(_oldestFirst.Where(c => !removed.Contains(c)));
        }

        Announce([.. removed.Where(c => c.ExistingSession is not null)]);
        return removed.Count;
    }

    public int ActiveChats(string instanceId, DateTimeOffset now)
    {
        lock (_gate)
        {
            return ActiveChatsLocked(instanceId, now);
        }
    }

    private int ActiveChatsLocked(string instanceId, DateTimeOffset now) =>
        _byInstance.TryGetValue(instanceId, out var contacts) ? contacts.Count(c => c.StateAt(now) == ContactState.Active) : 0;

    private HashSet<ChatContact> InstanceContacts(string instanceId)
    {
        if (!_byInstance.TryGetValue(instanceId, out var contacts))
        {
            contacts = [];
            _byInstance.Add(instanceId, contacts);
        }

        return contacts;
    }

    /// <summary>Tells listeners, outside the lock, about contacts with a chat that left the store.</summary>
    private void Announce(List<ChatContact>? forgotten)
    {
        if (forgotten is { Count: > 0 })
        {
            Forgotten?.Invoke(forgotten);
        }
    }

    private void EvictBeyondBounds(ChatContact keep, ref List<ChatContact>? forgotten)
    {
        // The contact just added or grown is never evicted, even when it alone is over the memory budget: its caller
        // holds its ids.
        while ((_byId.Count > _maxContacts || _bytes > _maxBytes) && _oldestFirst.TryPeek(out var first) && first != keep)
        {
            var oldest = _oldestFirst.Dequeue();
            Forget(oldest);
            if (oldest.ExistingSession is not null)
            {
                (forgotten ??= []).Add(oldest);
            }

            if (_byInstance.TryGetValue(oldest.Request.InstanceId, out var siblings))
            {
                siblings.Remove(oldest);
                if (siblings.Count == 0)
                {
                    _byInstance.Remove(oldest.Request.InstanceId);
                }
            }
        }
    }

    /// <summary>Removes a contact from the id and token indexes and from the memory count.</summary>
    private void Forget(ChatContact contact)
    {
        _byId.Remove(contact.ContactId);
        _bytes -= contact.EstimatedBytes;
        if (contact.Request.ClientToken is { } token)
        {
            var key = new TokenKey(contact.Request.InstanceId, token);
            if (_byToken.TryGetValue(key, out var mapped) && mapped == contact)
            {
                _byToken.Remove(key);
            }
        }
    }

    private readonly record struct TokenKey(string InstanceId, string ClientToken);
}
