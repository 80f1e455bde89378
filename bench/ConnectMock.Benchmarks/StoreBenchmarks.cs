using BenchmarkDotNet.Attributes;
using ConnectMock.Contacts;
using ConnectMock.Contacts.Storage;
using ConnectMock.Instances;
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
            var (contactId, participantId) = (Guid.NewGuid(), Guid.NewGuid());
            _contacts[i] = new ChatContact(contactId, participantId, ChatTokens.ParticipantSecret.New(), _requests[i], Now, null);
        }

        _store = new InMemoryContactStore(options, Options.Create(new ChatOptions()));
        var chatStore = new InMemoryContactStore(options, Options.Create(new ChatOptions()));
        var sessions = new ChatSessions(chatStore, new ChatTokens(), TimeProvider.System, NullLogger<ChatSessions>.Instance);
        _chats = new ChatService(chatStore, new InstanceRegistry(Options.Create(new InstanceOptions())), sessions, TimeProvider.System, NullLogger<ChatService>.Instance);
        for (var i = 0; i < options.Value.MaxContacts; i++)
        {
            Advance();
            _store.AddOrGetExisting(_requests[_next].InstanceId, _requests[_next].ClientToken, Now, null, _nextContact);
            _chats.StartChat(_requests[_next]);
        }
    }

    [Benchmark]
    public object? AddNewToken()
    {
        Advance();
        return _store.AddOrGetExisting(_requests[_next].InstanceId, _requests[_next].ClientToken, Now, null, _nextContact).Contact;
    }

    /// <summary>A new token with the instance's quota declared (never reached): the quota check on a full store.</summary>
    [Benchmark]
    public object? AddNewTokenUnderQuota()
    {
        Advance();
        return _store.AddOrGetExisting(_requests[_next].InstanceId, _requests[_next].ClientToken, Now, int.MaxValue, _nextContact).Contact;
    }

    [Benchmark]
    public object? AddRepeatedToken() => _store.AddOrGetExisting(_requests[_next].InstanceId, _requests[_next].ClientToken, Now, null, _nextContact).Contact;

    // Benchmarks return object: BenchmarkDotNet runs public methods, and the app's types are internal.

    /// <summary>The domain service with a new token: ids, the participant token, the contact, the store.</summary>
    [Benchmark]
    public object StartChatNewToken()
    {
        Advance();
        return _chats.StartChat(_requests[_next]);
    }

    /// <summary>The same token again: lookup plus the parameter comparison of a replay.</summary>
    [Benchmark]
    public object StartChatRepeatedToken() => _chats.StartChat(_requests[_next]);

    private void Advance() => _next = (_next + 1) % Cycle;
}
