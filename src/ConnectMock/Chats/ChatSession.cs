using ConnectMock.Contacts;

namespace ConnectMock.Chats;

/// <summary>Receives the items of a chat as they happen: an open WebSocket, for instance.</summary>
public interface IChatSubscriber
{
    Guid ParticipantId { get; }

    /// <summary>Must not block: it is called under the chat's lock, so that every subscriber sees one order.</summary>
    void Deliver(ChatItem item);

    /// <summary>The chat has ended, or the participant has left: finish up and close.</summary>
    void Complete();
}

/// <summary>A participant of a chat: the customer from the start, an agent or the bot later.</summary>
public sealed class ChatMember(Guid id, string displayName, string role)
{
    public Guid Id { get; } = id;

    public string DisplayName { get; } = displayName;

    public string Role { get; } = role;

    public bool Left { get; internal set; }

    public ChatParticipantInfo Info => new(Id, DisplayName, Role);
}

/// <summary>
/// What happens in one chat after its start: participants, the transcript and who listens. Everything changes
/// under one lock, and items reach subscribers under it too, so all of them see the same order.
/// </summary>
public sealed class ChatSession
{
    private const int MaxRememberedClientTokens = 1000;

    private readonly Lock _gate = new();
    private readonly List<ChatMember> _members = [];
    private readonly List<ChatItem> _transcript = [];
    private readonly List<IChatSubscriber> _subscribers = [];
    private readonly Dictionary<(Guid, string), ChatItem> _sentByClientToken = [];
    private readonly Queue<(Guid, string)> _clientTokensOldestFirst = new();
    private readonly int _maxItems;
    private bool _ended;

    public ChatSession(ChatContact contact, int maxItems)
    {
        Contact = contact;
        _maxItems = maxItems;
        var customer = new ChatMember(contact.ParticipantId, contact.Request.DisplayName, ParticipantRoles.Customer);
        _members.Add(customer);
        Add(NewEvent(ChatEvents.Joined, customer.Info, contact.InitiatedAt));
        if (contact.Request.InitialMessage is { } message)
        {
            Add(new ChatItem(NewId(), ChatEvents.Message, message.ContentType, message.Content, contact.InitiatedAt, customer.Info, null));
        }
    }

    public ChatContact Contact { get; }

    public bool Ended
    {
        get
        {
            lock (_gate)
            {
                return _ended;
            }
        }
    }

    public ChatMember? Member(Guid participantId)
    {
        lock (_gate)
        {
            return _members.Find(m => m.Id == participantId);
        }
    }

    public IReadOnlyList<ChatMember> Members
    {
        get
        {
            lock (_gate)
            {
                return [.. _members];
            }
        }
    }

    public IReadOnlyList<ChatItem> Transcript
    {
        get
        {
            lock (_gate)
            {
                return [.. _transcript];
            }
        }
    }

    public static string NewId() => Aws.SecureRandom.NewGuid().ToString();

    public static ChatItem NewEvent(string contentType, ChatParticipantInfo? from, DateTimeOffset at) =>
        new(NewId(), ChatEvents.Event, contentType, null, at, from, null);

    /// <summary>Adds a participant and announces it; returns the growth in estimated bytes.</summary>
    public long Join(ChatMember member, DateTimeOffset now)
    {
        lock (_gate)
        {
            _members.Add(member);
            return Publish(NewEvent(ChatEvents.Joined, member.Info, now));
        }
    }

    /// <summary>
    /// Publishes an item: kept in the transcript unless transient, delivered to every subscriber. With a
    /// ClientToken already used by the same participant, nothing happens and the earlier item is returned instead.
    /// </summary>
    public (ChatItem Item, long Growth) Post(ChatItem item, string? clientToken = null)
    {
        lock (_gate)
        {
            if (clientToken is not null && item.Participant is { } from)
            {
                if (_sentByClientToken.TryGetValue((from.Id, clientToken), out var earlier))
                {
                    return (earlier, 0);
                }

                Remember((from.Id, clientToken), item);
            }

            return (item, Publish(item));
        }
    }

    /// <summary>A participant leaves; with <paramref name="endsChat"/> the chat ends with it.</summary>
    public long Leave(ChatMember member, DateTimeOffset now, bool endsChat)
    {
        lock (_gate)
        {
            if (member.Left || _ended)
            {
                return 0;
            }

            member.Left = true;
            var growth = Publish(NewEvent(ChatEvents.Left, member.Info, now));
            if (endsChat)
            {
                // The one who left hears chat.ended too: that is what tells chatjs the chat is over (onEnded).
                return growth + EndLocked(now);
            }

            foreach (var subscriber in _subscribers.Where(s => s.ParticipantId == member.Id).ToList())
            {
                subscriber.Complete();
                _subscribers.Remove(subscriber);
            }

            return growth;
        }
    }

    /// <summary>Ends the chat: announces it and completes every subscriber. Ending twice does nothing.</summary>
    public long End(DateTimeOffset now)
    {
        lock (_gate)
        {
            return EndLocked(now);
        }
    }

    public void Subscribe(IChatSubscriber subscriber)
    {
        lock (_gate)
        {
            if (_ended)
            {
                subscriber.Complete();
                return;
            }

            _subscribers.Add(subscriber);
        }
    }

    public void Unsubscribe(IChatSubscriber subscriber)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscriber);
        }
    }

    public bool HasSubscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count > 0;
            }
        }
    }

    private long EndLocked(DateTimeOffset now)
    {
        if (_ended)
        {
            return 0;
        }

        _ended = true;
        var growth = Publish(NewEvent(ChatEvents.Ended, null, now));
        foreach (var subscriber in _subscribers)
        {
            subscriber.Complete();
        }

        _subscribers.Clear();
        return growth;
    }

    private long Publish(ChatItem item)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Deliver(item);
        }

        return item.IsTransient ? 0 : Add(item);
    }

    private long Add(ChatItem item)
    {
        _transcript.Add(item);
        long growth = item.EstimatedBytes;
        if (_transcript.Count > _maxItems)
        {
            growth -= _transcript[0].EstimatedBytes;
            _transcript.RemoveAt(0);
        }

        return growth;
    }

    private void Remember((Guid, string) key, ChatItem item)
    {
        _sentByClientToken[key] = item;
        _clientTokensOldestFirst.Enqueue(key);
        if (_clientTokensOldestFirst.Count > MaxRememberedClientTokens)
        {
            _sentByClientToken.Remove(_clientTokensOldestFirst.Dequeue());
        }
    }
}
