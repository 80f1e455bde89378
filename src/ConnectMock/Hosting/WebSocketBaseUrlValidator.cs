using ConnectMock.Contacts;
using Microsoft.Extensions.Options;

namespace ConnectMock.Hosting;

/// <summary>
/// <see cref="ChatOptions.WebSocketBaseUrl"/> is handed out with the socket's path and a query appended, so it must be
/// an absolute ws:// or wss:// URL with neither a query nor a fragment of its own. Empty means "from the request".
/// </summary>
internal sealed class WebSocketBaseUrlValidator : IValidateOptions<ChatOptions>
{
    private const string Key = ChatOptions.Section + ":" + nameof(ChatOptions.WebSocketBaseUrl);

    public ValidateOptionsResult Validate(string? name, ChatOptions options)
    {
        var value = options.WebSocketBaseUrl;
        if (string.IsNullOrEmpty(value)
            || (Uri.TryCreate(value, UriKind.Absolute, out var url)
                && (url.Scheme == "ws" || url.Scheme == "wss")
                && url.Host.Length > 0
                && url.Query.Length == 0
                && url.Fragment.Length == 0
                && !value.Contains('?', StringComparison.Ordinal)
                && !value.Contains('#', StringComparison.Ordinal)))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"{Key} is '{value}'; expected an absolute ws:// or wss:// URL without a query or a fragment, e.g. wss://chat.example.com or ws://127.0.0.1:8080.");
    }
}
