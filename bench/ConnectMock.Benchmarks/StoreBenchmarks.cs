using BenchmarkDotNet.Attributes;
using ConnectMock.Contacts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ConnectMock.Benchmarks;

/// <summary>
/// InMemoryContactStore.AddOrGetExisting at steady state (full at its default 50,000 contacts, so every new token
/// also evicts the oldest), with a new token and with a repeated one; then ChatService.StartChat and the wire-to-domain
/// mapping around it. Contacts and requests are made in advance and reused in a cycle longer than the store.
/// </summary>
public class StoreBenchmarks
{
    private const int Cycle = 1 << 17;
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    private readonly ChatContact[] _contacts = new ChatContact[Cycle];
    private readonly ChatRequest[] _requests = new ChatRequest[Cycle];
    private readonly Func<ChatContact> _nextContact;
    private InMemoryContactStore _store = null!;
    private ChatService _chats = null!;
    private int _next;

    public StoreBenchmarks() => _nextContact = () => _contacts[_next];

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new ContactStoreOptions());
        for (var i = 0; i < Cycle; i++)
        {
            _requests[i] = Requests.Typical($"bench-token-{i:D10}").ToDomain();
            _contacts[i] = new ChatContact(Guid.NewGuid(), Guid.NewGuid(), ParticipantTokens.Next(), _requests[i], Now, null);
        }

        _store = new InMemoryContactStore(options);
        _chats = new ChatService(new InMemoryContactStore(options), TimeProvider.System, NullLogger<ChatService>.Instance);
        for (var i = 0; i < options.Value.MaxContacts; i++)
        {
            Advance();
            _store.AddOrGetExisting(_requests[_next].InstanceId, _requests[_next].ClientToken, Now, _nextContact);
            _chats.StartChat(_requests[_next]);
        }
    }

    [Benchmark]
    public StartResult AddNewToken()
    {
        Advance();
        return _store.AddOrGetExisting(_requests[_next].InstanceId, _requests[_next].ClientToken, Now, _nextContact);
    }

    [Benchmark]
    public StartResult AddRepeatedToken() => _store.AddOrGetExisting(_requests[_next].InstanceId, _requests[_next].ClientToken, Now, _nextContact);

    /// <summary>The domain service with a new token: ids, the participant token, the contact, the store.</summary>
    [Benchmark]
    public StartResult StartChatNewToken()
    {
        Advance();
        return _chats.StartChat(_requests[_next]);
    }

    /// <summary>The same token again: lookup plus the parameter comparison of a replay.</summary>
    [Benchmark]
    public StartResult StartChatRepeatedToken() => _chats.StartChat(_requests[_next]);

    private void Advance() => _next = (_next + 1) % Cycle;
}
