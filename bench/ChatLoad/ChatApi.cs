using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ConnectMock.Bench.ChatLoad;

/// <summary>
/// The HTTP calls a chat client makes, as amazon-connect-chatjs and the AWS SDK make them: StartChatContact,
/// CreateParticipant (a custom bot: the second participant whose socket hears the customer), CreateParticipantConnection,
/// SendMessage, GetTranscript and DisconnectParticipant. Any status but 200 throws.
/// </summary>
internal sealed class ChatApi(Uri server) : IDisposable
{
    private const string InstanceId = "11111111-2222-3333-4444-555555555555";

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 256,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = server,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public sealed record Participant(string ContactId, string ParticipantToken);

    public sealed record Connection(string WebSocketUrl, string ConnectionToken);

    public async Task<Participant> StartChatAsync(string clientToken)
    {
        var body = $$"""{"InstanceId":"{{InstanceId}}","ContactFlowId":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","ParticipantDetails":{"DisplayName":"Load Customer"},"ClientToken":"{{clientToken}}","SupportedMessagingContentTypes":["text/plain"]}""";
        using var json = await CallAsync(HttpMethod.Put, "contact/chat", body, null);
        var root = json.RootElement;
        return new Participant(root.GetProperty("ContactId").GetString()!, root.GetProperty("ParticipantToken").GetString()!);
    }

    public async Task<Participant> AddBotAsync(string contactId)
    {
        var body = $$"""{"InstanceId":"{{InstanceId}}","ContactId":"{{contactId}}","ParticipantDetails":{"ParticipantRole":"CUSTOM_BOT","DisplayName":"Load Bot"},"ClientToken":"{{Guid.NewGuid()}}"}""";
        using var json = await CallAsync(HttpMethod.Post, "contact/create-participant", body, null);
        return new Participant(contactId, json.RootElement.GetProperty("ParticipantCredentials").GetProperty("ParticipantToken").GetString()!);
    }

    public async Task<Connection> ConnectAsync(string participantToken)
    {
        using var json = await CallAsync(HttpMethod.Post, "participant/connection",
            """{"Type":["WEBSOCKET","CONNECTION_CREDENTIALS"],"ConnectParticipant":true}""", participantToken);
        var root = json.RootElement;
        return new Connection(
            root.GetProperty("Websocket").GetProperty("Url").GetString()!,
            root.GetProperty("ConnectionCredentials").GetProperty("ConnectionToken").GetString()!);
    }

    public async Task SendMessageAsync(string connectionToken, string content)
    {
        using var json = await CallAsync(HttpMethod.Post, "participant/message",
            $$"""{"ContentType":"text/plain","Content":"{{content}}"}""", connectionToken);
    }

    /// <summary>chatjs's GetTranscript (onConnectionEstablished's loadPreviousTranscript): the newest page, oldest first.</summary>
    public async Task<int> GetTranscriptAsync(string connectionToken, int maxResults)
    {
        using var json = await CallAsync(HttpMethod.Post, "participant/transcript",
            $$$"""{"MaxResults":{{{maxResults}}},"ScanDirection":"BACKWARD","SortOrder":"ASCENDING","StartPosition":{}}""", connectionToken);
        return json.RootElement.GetProperty("Transcript").GetArrayLength();
    }

    public async Task DisconnectAsync(string connectionToken)
    {
        using var json = await CallAsync(HttpMethod.Post, "participant/disconnect", "{}", connectionToken);
    }

    /// <summary>A GET of the server's control plane (ConnectMock only); null for a 404 (the baseline has none).</summary>
    public async Task<string?> ControlPlaneAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri("_connectmock/" + path, UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonDocument> CallAsync(HttpMethod method, string path, string body, string? bearer)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Bearer", bearer);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"{method} /{path}: HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(text)}");
        }

        return JsonDocument.Parse(text.Length == 0 ? "{}"u8.ToArray() : text);
    }
}
