using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ConnectMock.Chats;

/// <summary>Chats after their start. Section <c>ConnectMock:Chat</c>.</summary>
public sealed class ChatOptions
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

    [ValidateObjectMembers]
    public ChatBotOptions Bot { get; set; } = new();
}

/// <summary>A scripted bot that joins every chat and answers the customer, so that a demo chat works with no code.</summary>
public sealed class ChatBotOptions
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
}
