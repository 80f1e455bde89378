using Microsoft.Extensions.Options;

namespace ConnectMock.Contacts;

/// <summary>
/// Contacts in memory, evicted oldest first beyond a count and a memory budget. One lock guards all three
/// indexes: an insert is a few dictionary operations, far cheaper than the HTTP request around it, and a single
/// lock makes "check the token, then insert" atomic without the retry loops a lock-free design would need.
/// </summary>
public sealed class InMemoryContactStore(IOptions<ContactStoreOptions> options) : IContactStore
{
    private readonly int _maxContacts = options.Value.MaxContacts;
    private readonly long _maxBytes = options.Value.MaxMemoryMegabytes * 1024L * 1024L;
    private readonly TimeSpan _tokenLifetime = options.Value.ClientTokenLifetime;

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, ChatContact> _byId = [];
    private readonly Dictionary<TokenKey, ChatContact> _byToken = [];
    private readonly Queue<ChatContact> _oldestFirst = new();
    private long _bytes;

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

    public StartResult AddOrGetExisting(string instanceId, string? clientToken, DateTimeOffset now, Func<ChatContact> create)
    {
        // A request without a token (raw HTTP; SDKs always send one) starts a new contact every time.
        var key = clientToken is null ? (TokenKey?)null : new TokenKey(instanceId, clientToken);
        lock (_gate)
        {
            if (key is { } k && _byToken.TryGetValue(k, out var existing) && now - existing.InitiatedAt < _tokenLifetime)
            {
                return new StartResult(existing, Replayed: true);
            }

            var contact = create();
            _byId.Add(contact.ContactId, contact);
            _oldestFirst.Enqueue(contact);
            _bytes += contact.EstimatedBytes;
            if (key is { } newKey)
            {
                _byToken[newKey] = contact;
            }

            EvictBeyondBounds(contact);
            return new StartResult(contact, Replayed: false);
        }
    }

    public ChatContact? Find(Guid contactId)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(contactId);
        }
    }

    public IReadOnlyList<ChatContact> Snapshot()
    {
        lock (_gate)
        {
            return [.. _oldestFirst];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byId.Clear();
            _byToken.Clear();
            _oldestFirst.Clear();
            _bytes = 0;
        }
    }

    private void EvictBeyondBounds(ChatContact newest)
    {
        // The newest contact is never evicted, even when it alone is over the memory budget: its caller holds its ids.
        while ((_byId.Count > _maxContacts || _bytes > _maxBytes) && _oldestFirst.Peek() != newest)
        {
            var oldest = _oldestFirst.Dequeue();
            _byId.Remove(oldest.ContactId);
            _bytes -= oldest.EstimatedBytes;
            if (oldest.Request.ClientToken is { } token)
            {
                var key = new TokenKey(oldest.Request.InstanceId, token);
                if (_byToken.TryGetValue(key, out var mapped) && mapped == oldest)
                {
                    _byToken.Remove(key);
                }
            }
        }
    }

    private readonly record struct TokenKey(string InstanceId, string ClientToken);
}
