using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectMock.Tests.Infrastructure;

/// <summary>A response as an SDK sees it on the wire: status, headers and the raw JSON body.</summary>
public sealed record WireResponse(HttpStatusCode Status, HttpResponseHeaders Headers, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public string RequestId => Header("x-amzn-RequestId") ?? throw new InvalidOperationException("No x-amzn-RequestId header.");

    /// <summary>The member names of the top-level JSON object, exactly as sent.</summary>
    public IReadOnlyList<string> MemberNames => [.. Json.EnumerateObject().Select(p => p.Name)];
}

public static class Wire
{
    public const string ChatPath = "/contact/chat";

    public static Task<WireResponse> SendAsync(this HttpClient client, HttpMethod method, string path, HttpContent? content = null) =>
        client.SendAsync(method, path, content, []);

    /// <summary>With extra headers as a browser or proxy sends them, unchecked; "Host" replaces the Host header.</summary>
    public static async Task<WireResponse> SendAsync(
        this HttpClient client, HttpMethod method, string path, HttpContent? content, IEnumerable<(string Name, string Value)> headers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new WireResponse(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType, body);
    }

    /// <summary>PUT /contact/chat with a JSON body, as the SDKs send it.</summary>
    public static Task<WireResponse> StartChatAsync(this HttpClient client, string json) =>
        client.SendAsync(HttpMethod.Put, ChatPath, Json(json));

    public static Task<WireResponse> StartChatAsync(this HttpClient client, object body) =>
        client.StartChatAsync(JsonSerializer.Serialize(body));

    /// <summary>Starts a chat that must start, and returns its ContactId.</summary>
    public static async Task<string> StartContactAsync(this HttpClient client, JsonObject body) =>
        AwsAssert.Started(await client.StartChatAsync(body.ToJsonString()), persistent: body.ContainsKey("PersistentChat")).ContactId;

    /// <summary>A time as the Participant Service writes it: ISO-8601 in UTC with exactly three fractional digits.</summary>
    public static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A control-plane call, with an optional JSON body.</summary>
    public static Task<WireResponse> ControlAsync(this HttpClient client, HttpMethod method, string path, string? json = null) =>
        client.SendAsync(method, "/_connectmock" + path, json is null ? null : Json(json));

    /// <summary>A chat's transcript from the control plane (what every participant sees).</summary>
    public static async Task<IReadOnlyList<JsonElement>> ControlTranscriptAsync(this HttpClient client, string contactId) =>
        [.. (await client.ControlAsync(HttpMethod.Get, $"/contacts/{contactId}/transcript")).Json.GetProperty("Transcript").EnumerateArray()];

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Raw bytes with an exact Content-Type header, or none at all.</summary>
    public static ByteArrayContent Raw(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }
}
