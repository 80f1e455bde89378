namespace ConnectMock.Contacts;

/// <summary>The chat content types of the Connect documentation and the per-type limits on message content.</summary>
internal static class ChatContentTypes
{
    public const string Plain = "text/plain";
    public const string Markdown = "text/markdown";
    public const string Json = "application/json";
    public const string Interactive = "application/vnd.amazonaws.connect.message.interactive";
    public const string InteractiveResponse = "application/vnd.amazonaws.connect.message.interactive.response";

    /// <summary>What a chat may declare in SupportedMessagingContentTypes.</summary>
    public static readonly IReadOnlyList<string> Supported = [Plain, Markdown, Json, Interactive, InteractiveResponse];

    /// <summary>What a participant may send as a message (InitialMessage, SendMessage).</summary>
    public static readonly IReadOnlyList<string> Sendable = [Plain, Markdown, Json, InteractiveResponse];

    /// <summary>
    /// What the simulated agent may send: everything a chat may declare, the interactive templates included (which
    /// Connect's flows and Lex bots send, and a participant cannot).
    /// </summary>
    public static IReadOnlyList<string> AgentSendable => Supported;

    /// <summary>The documented maximum length of message content of a given type, in characters.</summary>
    public static int MaxContentLength(string contentType) => contentType switch
    {
        Json => 12_000,
        InteractiveResponse => 12_288,
        _ => 1_024,
    };

    /// <summary>The per-type limits in words, for the API documentation.</summary>
    public const string LimitsDescription =
        "Content length by ContentType: at most 1024 characters for text/plain and text/markdown, " +
        "12000 for application/json, 12288 for application/vnd.amazonaws.connect.message.interactive.response";
}
