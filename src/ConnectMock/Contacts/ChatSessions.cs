using System.Text.Json;
using ConnectMock.Aws;
using Microsoft.Extensions.Options;

namespace ConnectMock.Contacts;

/// <summary>
/// The chat after StartChatContact: what the Participant Service, the WebSocket, StopContact and the agent
/// simulation do to a contact's chat. Tokens are checked here; the HTTP layers only map.
/// </summary>
internal sealed partial class ChatSessions
{
    /// <summary>The connection token lives a day, as the Participant Service documents.</summary>
    public static readonly TimeSpan ConnectionTokenLifetime = TimeSpan.FromDays(1);

    /// <summary>A WebSocket URL must be used within 100 seconds, as the Participant Service documents.</summary>
    public static readonly TimeSpan WebSocketUrlLifetime = TimeSpan.FromSeconds(100);

    public const string AccessDeniedMessage = "You do not have sufficient access to perform this action.";

    private readonly IContactStore _store;
    private readonly ChatTokens _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger<ChatSessions> _log;
    private readonly ChatOptions _options;

    public ChatSessions(IContactStore store, ChatTokens tokens, TimeProvider time, IOptions<ChatOptions> options, ILogger<ChatSessions> log)
    {
        _store = store;
        _tokens = tokens;
        _time = time;
        _log = log;
        _options = options.Value;
        store.Forgotten += Forget;
    }

    /// <summary>What CreateParticipantConnection hands out.</summary>
    public sealed record Connection(
        ChatSession Session,
        ChatMember Participant,
        string ConnectionToken,
        DateTimeOffset ConnectionExpiry,
        string WebSocketToken,
        DateTimeOffset WebSocketExpiry);

    public TimeProvider Time => _time;

    /// <summary>CreateParticipantConnection: a participant token buys a connection token and a WebSocket URL token.</summary>
    public Connection Connect(string participantToken)
    {
        var now = _time.GetUtcNow();

        // The token is compared before anything about its chat is looked at, let alone made.
        if (ChatTokens.ReadParticipantToken(participantToken) is not { } ids
            || _store.Find(ids.ContactId) is not { } contact
            || !contact.HasParticipantSecret(ids.Secret))
        {
            throw AccessDenied();
        }

        var (session, member) = ActiveParticipant((ids.ContactId, ids.ParticipantId), now) ?? throw AccessDenied();
        var connectionExpiry = now + ConnectionTokenLifetime;
        var socketExpiry = member.NewWebSocketExpiry(now + WebSocketUrlLifetime);
        return new Connection(
            session,
            member,
            _tokens.Sign(ChatTokens.Kind.Connection, contact.ContactId, member.Id, connectionExpiry),
            connectionExpiry,
            _tokens.Sign(ChatTokens.Kind.WebSocket, contact.ContactId, member.Id, socketExpiry),
            socketExpiry);
    }

    /// <summary>The chat and participant a connection token (or WebSocket token) stands for, while both are active.</summary>
    public (ChatSession Session, ChatMember Participant) Authenticate(string? token, ChatTokens.Kind kind = ChatTokens.Kind.Connection)
    {
        var now = _time.GetUtcNow();
        return (token is null ? null : ActiveParticipant(_tokens.Verify(kind, token, now), now)) ?? throw AccessDenied();
    }

    /// <summary>
    /// Spends the token of a WebSocket URL: each URL opens one socket. chatjs asks CreateParticipantConnection for a
    /// new URL whenever it connects again; it tries a URL again only while none of its sockets opened.
    /// </summary>
    public void UseWebSocketUrl(ChatSession session, ChatMember participant, string token)
    {
        // Base64 decoding skips whitespace: the URL is remembered by its canonical form, or a space would make it new.
        var canonical = Convert.ToBase64String(Convert.FromBase64String(token));
        switch (session.TryUseWebSocketUrl(participant.Id, canonical, _time.GetUtcNow(), WebSocketUrlLifetime))
        {
            case true:
                return;
            case false:
                throw AwsErrors.Of(AwsErrors.AccessDeniedName,
                    "This WebSocket URL was used already; each opens one connection. Call CreateParticipantConnection for a new one.");
            default:
                throw AwsErrors.LimitExceeded(
                    $"This participant opened {ChatSession.MaxWebSocketUrlsInLifetime} WebSockets within {WebSocketUrlLifetime.TotalSeconds:0} seconds; wait before opening another.");
        }
    }

    public ChatItem SendMessage(string connectionToken, string contentType, string content, string? clientToken)
    {
        var (session, member) = Authenticate(connectionToken);
        var allowed = session.Contact.Request.SupportedMessagingContentTypes ?? [ChatContentTypes.Plain];
        if (!allowed.Contains(contentType) || !ChatContentTypes.Sendable.Contains(contentType))
        {
            throw AwsErrors.Of(AwsErrors.ValidationName,
                $"ContentType '{contentType}' is not supported by this chat; its SupportedMessagingContentTypes are [{string.Join(", ", allowed)}].");
        }

        var item = new ChatItem(ChatSession.NewId(), ChatEvents.Message, contentType, content, _time.GetUtcNow(), member.Info, null);
        var (posted, repeated) = Post(session, item, clientToken);
        if (!repeated && member.Role == ParticipantRoles.Customer)
        {
            CustomerSaid?.Invoke(session, posted);
        }

        return posted;
    }

    /// <summary>Raised after a customer's message is posted (not for a repeat of a ClientToken): the bot listens.</summary>
    public event Action<ChatSession, ChatItem>? CustomerSaid;

    public ChatItem SendEvent(string connectionToken, string contentType, string? content)
    {
        var (session, member) = Authenticate(connectionToken);
        return Post(session, EventItem(session, member, contentType, content, _time.GetUtcNow())).Item;
    }

    /// <summary>The item an event of <paramref name="member"/> becomes: typing, or a receipt as a MESSAGEMETADATA item.</summary>
    public static ChatItem EventItem(ChatSession session, ChatMember member, string contentType, string? content, DateTimeOffset now)
    {
        if (contentType is not (ChatEvents.Read or ChatEvents.Delivered))
        {
            return new ChatItem(ChatSession.NewId(), ChatEvents.Event, contentType, content, now, member.Info, null);
        }

        var messageId = ReceiptMessageId(content)
            ?? throw AwsErrors.Of(AwsErrors.ValidationName, "Content of a receipt must be JSON like {\"messageId\":\"<id of the message>\"}.");
        if (!session.HasMessage(messageId))
        {
            throw AwsErrors.Of(AwsErrors.ConflictName, $"No message with the id '{messageId}' is in this chat.");
        }

        var read = contentType == ChatEvents.Read;
        return new ChatItem(ChatSession.NewId(), ChatEvents.MessageMetadata, ChatEvents.Metadata, null, now, null,
            new MessageReceipts(messageId, [new ReceiptInfo(member.Id, read ? null : now, read ? now : null)]));
    }

    /// <summary>The chat's transcript, as this participant may read it.</summary>
    public (ChatSession Session, IReadOnlyList<ChatItem> Items) Transcript(string connectionToken)
    {
        var (session, _) = Authenticate(connectionToken);
        return (session, session.Transcript);
    }

    /// <summary>DisconnectParticipant: the participant leaves; when the customer or the agent leaves, the chat ends.</summary>
    public void Disconnect(string connectionToken)
    {
        var (session, member) = Authenticate(connectionToken);
        Leave(session, member);
    }

    public void Leave(ChatSession session, ChatMember member)
    {
        var now = _time.GetUtcNow();
        var endsChat = member.Role is ParticipantRoles.Customer or ParticipantRoles.Agent;
        _store.Change(session.Contact, () => session.Contact.Grow(session.Leave(member, now, endsChat)));
        if (endsChat)
        {
            session.Contact.End(now, member.Role == ParticipantRoles.Customer ? "CUSTOMER_DISCONNECT" : "AGENT_DISCONNECT");
        }
    }

    /// <summary>Ends a contact's chat (StopContact, the control plane, expiry): chat.ended to everyone, sockets closed.</summary>
    public void End(ChatContact contact, string reason)
    {
        var now = _time.GetUtcNow();
        contact.End(now, reason);
        var session = SessionOf(contact);
        if (!_store.Change(contact, () => contact.Grow(session.End(now))))
        {
            // No longer stored (evicted, reset): nothing to charge, but its listeners must still hear the end.
            session.End(now);
        }
    }

    /// <summary>Contacts that left the store (evicted, reset): their chats end, so that no socket outlives its chat.</summary>
    private void Forget(IReadOnlyList<ChatContact> contacts)
    {
        var now = _time.GetUtcNow();
        foreach (var contact in contacts)
        {
            contact.ExistingSession?.End(now);
        }
    }

    /// <summary>The contact's chat, made on first use with the customer joined and the initial message in.</summary>
    public ChatSession SessionOf(ChatContact contact)
    {
        var (session, created) = contact.GetOrCreateSession(c => new ChatSession(c, _options.MaxTranscriptItems));
        if (!created)
        {
            return session;
        }

        if (contact.EndedAt(_time.GetUtcNow()) is { } endedAt)
        {
            // A chat first looked at after its end (StopContact before any connection, say) only records the end.
            session.End(endedAt);
        }
        else
        {
            SessionStarted?.Invoke(session);
        }

        _store.Change(contact, () => contact.Grow(session.EstimatedBytes));
        return session;
    }

    /// <summary>Raised once per chat, when its session is first made: the bot joins then.</summary>
    public event Action<ChatSession>? SessionStarted;

    /// <summary>Posts an item to a chat; Repeated when a ClientToken the participant used before returned its earlier item.</summary>
    public (ChatItem Item, bool Repeated) Post(ChatSession session, ChatItem item, string? clientToken = null)
    {
        (ChatItem Item, bool Repeated) posted = (item, false);
        if (!_store.Change(session.Contact, () =>
        {
            var (result, repeated, growth) = session.Post(item, clientToken);
            posted = (result, repeated);
            return session.Contact.Grow(growth);
        }))
        {
            // Evicted from the store meanwhile: the chat is gone for its participants too.
            throw AccessDenied();
        }

        return posted;
    }

    /// <summary>Adds the participant <paramref name="create"/> makes, unless one of its role is in the chat already.</summary>
    public ChatMember JoinUnlessPresent(ChatSession session, string role, Func<ChatMember> create)
    {
        var member = default(ChatMember)!;
        _store.Change(session.Contact, () =>
        {
            (member, var growth) = session.JoinUnlessPresent(role, create, _time.GetUtcNow());
            return session.Contact.Grow(growth);
        });
        return member ?? throw AccessDenied();
    }

    private (ChatSession, ChatMember)? ActiveParticipant((Guid ContactId, Guid ParticipantId)? ids, DateTimeOffset now)
    {
        if (ids is not { } id || _store.Find(id.ContactId) is not { } contact)
        {
            return null;
        }

        var session = SessionOf(contact);
        if (contact.StateAt(now) == ContactState.Ended)
        {
            if (!session.Ended)
            {
                LogExpired(contact.ContactId);
                End(contact, "EXPIRED");
            }

            return null;
        }

        return session.Member(id.ParticipantId) is { Left: false } member ? (session, member) : null;
    }

    private static string? ReceiptMessageId(string? content)
    {
        if (content is null)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(content);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("messageId", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static AwsServiceException AccessDenied() => AwsErrors.Of(AwsErrors.AccessDeniedName, AccessDeniedMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ContactId} reached the end of its duration")]
    private partial void LogExpired(Guid contactId);
}
