namespace ConnectMock.Connect;

/// <summary>A chat message.</summary>
internal sealed class ChatMessage
{
    /// <summary>
    /// <c>text/plain</c>, <c>text/markdown</c>, <c>application/json</c> or
    /// <c>application/vnd.amazonaws.connect.message.interactive.response</c>.
    /// </summary>
    /// <example>text/plain</example>
    public string? ContentType { get; set; }

    /// <summary>
    /// The message. At most 1024 characters for text/plain and text/markdown, 12000 for application/json,
    /// 12288 for the interactive response type.
    /// </summary>
    /// <example>Hello, I need help with my order.</example>
    public string? Content { get; set; }
}
