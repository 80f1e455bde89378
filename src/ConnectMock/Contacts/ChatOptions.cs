using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ConnectMock.Contacts;

/// <summary>Chats after their start. Section <c>ConnectMock:Chat</c>.</summary>
internal sealed class ChatOptions
{
    public const string Section = "ConnectMock:Chat";

    /// <summary>The most transcript items kept per chat; older ones are dropped beyond it.</summary>
    [Range(10, 100_000)]
    public int MaxTranscriptItems { get; set; } = 1000;

    /// <summary>
    /// The base of the WebSocket URLs CreateParticipantConnection returns, e.g. <c>ws://127.0.0.1:8080</c>. When
    /// empty it is taken from the request, with <c>localhost</c> written as <c>127.0.0.1</c>: amazon-connect-chatjs
    /// accepts only wss:// URLs and ws://127.0.0.1:PORT ones.
    /// </summary>
    public string? WebSocketBaseUrl { get; set; }

    /// <summary>
    /// How long a WebSocket's close handshake may take, from the moment the server decides to close (chat ended,
    /// socket replaced, server stopping): a client that has not answered the close frame by then is dropped.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan CloseHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The sockets of one participant that receive the chat; a newer one replaces the oldest (chatjs opens its next
    /// socket before it closes the last). As many again may still be closing; beyond that a new one is refused.
    /// </summary>
    [Range(1, 100)]
    public int MaxSocketsPerParticipant { get; set; } = 4;

    /// <summary>The WebSockets open at once, closing ones included, over all chats; beyond it a new one is refused.</summary>
    [Range(1, 1_000_000)]
    public int MaxOpenSockets { get; set; } = 10_000;

    [ValidateObjectMembers]
    public ChatBotOptions Bot { get; set; } = new();
}

/// <summary>A scripted bot that joins every chat and answers the customer, so that a demo chat works with no code.</summary>
internal sealed class ChatBotOptions
{
    public bool Enabled { get; set; }

    [StringLength(256, MinimumLength = 1)]
    public string DisplayName { get; set; } = "BOT";

    /// <summary>Said when the bot joins; nothing when empty.</summary>
    public string? Greeting { get; set; } = "Hello! This is ConnectMock's bot. Say something and I will echo it.";

    /// <summary>The answer to each customer message; <c>{message}</c> is replaced by what the customer wrote.</summary>
    [Required]
    public string Reply { get; set; } = "You said: {message}";

    [Range(0, 60_000)]
    public int DelayMs { get; set; } = 300;

    /// <summary>
    /// Keyword to interactive template (its JSON, as a string): a customer message that is exactly the keyword (case
    /// and spaces around it aside) is answered with the template instead of <see cref="Reply"/>, in a chat that
    /// declared <c>application/vnd.amazonaws.connect.message.interactive</c>. Each is checked at start.
    /// </summary>
    public Dictionary<string, string> Templates { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
