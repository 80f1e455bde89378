using System.Text.Json;
using ConnectMock.Aws;
using ConnectMock.Contacts;
using Microsoft.Extensions.Options;

namespace ConnectMock.Chats;

/// <summary>
/// The chat after StartChatContact: what the Participant Service, the WebSocket, StopContact and the agent
/// simulation do to a contact's chat. Tokens are checked here; the HTTP layers only map.
/// </summary>
public sealed partial class ChatSessions(
    IContactStore store,
    ChatTokens tokens,
    TimeProvider time,
    IOptions<ChatOptions> options,
    ILogger<ChatSessions> log)
{
    /// <summary>The connection token lives a day, as the Participant Service documents.</summary>
    public static readonly TimeSpan ConnectionTokenLifetime = TimeSpan.FromDays(1);

    /// <summary>A WebSocket URL must be used within 100 seconds, as the Participant Service documents.</summary>
    public static readonly TimeSpan WebSocketUrlLifetime = TimeSpan.FromSeconds(100);

    public const string AccessDeniedMessage = "You do not have sufficient access to perform this action.";

    private readonly ChatOptions _options = options.Value;

    /// <summary>What CreateParticipantConnection hands out.</summary>
    public sealed record Connection(
        ChatSession Session,
        ChatMember Participant,
        string ConnectionToken,
        DateTimeOffset ConnectionExpiry,
        string WebSocketToken,
        DateTimeOffset WebSocketExpiry);

    public TimeProvider Time => time;

    /// <summary>CreateParticipantConnection: a participant token buys a connection token and a WebSocket URL token.</summary>
    public Connection Connect(string participantToken)
    {
        var now = time.GetUtcNow();
        var (session, member) = ActiveParticipant(ChatTokens.ReadParticipantToken(participantToken), now)
            ?? throw AccessDenied();
        if (!ChatTokens.Same(participantToken, session.Contact.ParticipantToken))
        {
            throw AccessDenied();
        }

        var connectionExpiry = now + ConnectionTokenLifetime;
        var socketExpiry = now + WebSocketUrlLifetime;
        return new Connection(
            session,
            member,
            tokens.Sign(ChatTokens.Kind.Connection, session.Contact.ContactId, member.Id, connectionExpiry),
            connectionExpiry,
            tokens.Sign(ChatTokens.Kind.WebSocket, session.Contact.ContactId, member.Id, socketExpiry),
            socketExpiry);
    }

    /// <summary>The chat and participant a connection token (or WebSocket token) stands for, while both are active.</summary>
    public (ChatSession Session, ChatMember Participant) Authenticate(string? token, ChatTokens.Kind kind = ChatTokens.Kind.Connection)
    {
        var now = time.GetUtcNow();
        return (token is null ? null : ActiveParticipant(tokens.Verify(kind, token, now), now)) ?? throw AccessDenied();
    }

    public ChatItem SendMessage(string connectionToken, string contentType, string content, string? clientToken)
    {
        var (session, member) = Authenticate(connectionToken);
        var allowed = session.Contact.Request.SupportedMessagingContentTypes ?? [ConnectMock.Connect.ChatContentTypes.Plain];
        if (!allowed.Contains(contentType) || !ConnectMock.Connect.ChatContentTypes.Sendable.Contains(contentType))
        {
            throw AwsErrors.Of(AwsErrors.ValidationName,
                $"ContentType '{contentType}' is not supported by this chat; its SupportedMessagingContentTypes are [{string.Join(", ", allowed)}].");
        }

        var item = new ChatItem(ChatSession.NewId(), ChatEvents.Message, contentType, content, time.GetUtcNow(), member.Info, null);
        var posted = Post(session, item, clientToken);
        if (posted == item && member.Role == ParticipantRoles.Customer)
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
        return Post(session, EventItem(session, member, contentType, content, time.GetUtcNow()));
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
        if (!session.Transcript.Any(i => i.Id == messageId && i.Type == ChatEvents.Message))
        {
            throw AwsErrors.Of(AwsErrors.ConflictName, $"No message with the id '{messageId}' is in this chat.");
        }

        var read = contentType == ChatEvents.Read;
        return new ChatItem(ChatSession.NewId(), ChatEvents.MessageMetadata, ChatEvents.Metadata, null, now, null,
            new ReceiptInfo(messageId, member.Id, read ? null : now, read ? now : null));
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
        var now = time.GetUtcNow();
        var endsChat = member.Role is ParticipantRoles.Customer or ParticipantRoles.Agent;
        store.Change(session.Contact, () => session.Contact.Grow(session.Leave(member, now, endsChat)));
        if (endsChat)
        {
            session.Contact.End(now, member.Role == ParticipantRoles.Customer ? "CUSTOMER_DISCONNECT" : "AGENT_DISCONNECT");
        }
    }

    /// <summary>Ends a contact's chat (StopContact, the control plane, expiry): chat.ended to everyone, sockets closed.</summary>
    public void End(ChatContact contact, string reason)
    {
        var now = time.GetUtcNow();
        contact.End(now, reason);
        var session = SessionOf(contact);
        store.Change(contact, () => contact.Grow(session.End(now)));
    }

    /// <summary>The contact's chat, made on first use with the customer joined and the initial message in.</summary>
    public ChatSession SessionOf(ChatContact contact)
    {
        var (session, created) = contact.Session(c => new ChatSession(c, _options.MaxTranscriptItems));
        if (created)
        {
            store.Change(contact, () => contact.Grow(session.Transcript.Sum(i => i.EstimatedBytes)));
            SessionStarted?.Invoke(session);
            if (contact.StateAt(time.GetUtcNow()) == ContactState.Ended)
            {
                session.End(contact.EndedAt(time.GetUtcNow())!.Value);
            }
        }

        return session;
    }

    /// <summary>Raised once per chat, when its session is first made: the bot joins then.</summary>
    public event Action<ChatSession>? SessionStarted;

    public ChatItem Post(ChatSession session, ChatItem item, string? clientToken = null)
    {
        ChatItem posted = item;
        if (!store.Change(session.Contact, () =>
        {
            var (result, growth) = session.Post(item, clientToken);
            posted = result;
            return session.Contact.Grow(growth);
        }))
        {
            // Evicted from the store meanwhile: the chat is gone for its participants too.
            throw AccessDenied();
        }

        return posted;
    }

    public void Join(ChatSession session, ChatMember member) =>
        store.Change(session.Contact, () => session.Contact.Grow(session.Join(member, time.GetUtcNow())));

    private (ChatSession, ChatMember)? ActiveParticipant((Guid ContactId, Guid ParticipantId)? ids, DateTimeOffset now)
    {
        if (ids is not { } id || store.Find(id.ContactId) is not { } contact)
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
