using ConnectMock.Contacts;
using Microsoft.Extensions.Options;

namespace ConnectMock.Participant;

/// <summary>The WebSocket URLs that CreateParticipantConnection hands out.</summary>
internal sealed class WebSocketUrls(IOptions<ChatOptions> options)
{
    public const string Path = "/chat/websocket";

    private readonly string? _configuredBase = options.Value.WebSocketBaseUrl?.TrimEnd('/');

    public string For(HttpContext http, string token) => $"{Base(http)}{Path}?token={Uri.EscapeDataString(token)}";

    private string Base(HttpContext http)
    {
        if (!string.IsNullOrEmpty(_configuredBase))
        {
            return _configuredBase;
        }

        // chatjs refuses ws://localhost (it accepts wss:// and ws://127.0.0.1:PORT only), and Kestrel's
        // "localhost" listens on 127.0.0.1 too.
        var request = http.Request;
        var host = request.Host.Host == "localhost" ? "127.0.0.1" : request.Host.Host;
        var port = request.Host.Port is { } p ? $":{p}" : "";
        return $"{(request.IsHttps ? "wss" : "ws")}://{host}{port}";
    }
}
