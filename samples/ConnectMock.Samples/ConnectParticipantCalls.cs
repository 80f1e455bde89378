using System.Net.Http.Json;
using System.Text.Json;

namespace ConnectMock.Samples;

/// <summary>
/// The calls a chat widget makes, on the wire as AWSSDK.Connect and AWSSDK.ConnectParticipant send them
/// (restJson1). Your own code would use the SDK clients with ServiceURL = the mock's endpoint (docs/dotnet.md).
/// </summary>
public static class ConnectParticipantCalls
{
    public const string InstanceId = "11111111-2222-3333-4444-555555555555";
    public const string FlowId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    // AWS's member names exactly as written (PascalCase), not System.Net.Http.Json's camelCase.
    private static readonly JsonSerializerOptions AwsJson = new();

    /// <summary>StartChatContact (PUT /contact/chat); returns ContactId and ParticipantToken.</summary>
    public static async Task<(string ContactId, string ParticipantToken)> StartChatContactAsync(HttpClient http, string clientToken, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync("contact/chat", new
        {
            InstanceId,
            ContactFlowId = FlowId,
            ParticipantDetails = new { DisplayName = "Jane" },
            ClientToken = clientToken,
        }, AwsJson, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return (body.GetProperty("ContactId").GetString()!, body.GetProperty("ParticipantToken").GetString()!);
    }

    /// <summary>CreateParticipantConnection (POST /participant/connection); returns the ConnectionToken.</summary>
    public static async Task<string> CreateParticipantConnectionAsync(HttpClient http, string participantToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "participant/connection")
        {
            Content = JsonContent.Create(new { Type = new[] { "CONNECTION_CREDENTIALS" }, ConnectParticipant = true }, options: AwsJson),
        };
        request.Headers.Add("X-Amz-Bearer", participantToken);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("ConnectionCredentials").GetProperty("ConnectionToken").GetString()!;
    }

    /// <summary>SendMessage (POST /participant/message); returns the message's Id.</summary>
    public static async Task<string> SendMessageAsync(HttpClient http, string connectionToken, string content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "participant/message")
        {
            Content = JsonContent.Create(new { ContentType = "text/plain", Content = content, ClientToken = Guid.NewGuid().ToString() }, options: AwsJson),
        };
        request.Headers.Add("X-Amz-Bearer", connectionToken);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("Id").GetString()!;
    }
}
