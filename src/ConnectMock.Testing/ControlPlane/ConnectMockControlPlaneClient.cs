using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace ConnectMock.Testing;

/// <summary>
/// A typed client of ConnectMock's control plane (<c>/_connectmock</c>, docs/control-plane.md): contacts and chats,
/// the request journal, faults, instances and quotas, the simulated agent, attachments, the bot, the clock and reset.
/// Works against any ConnectMock: an in-process <see cref="ConnectMockServer"/>, a container, or the dotnet tool. A call
/// the control plane refuses throws <see cref="ConnectMockControlPlaneException"/> with the control plane's message.
/// </summary>
public sealed class ConnectMockControlPlaneClient : IDisposable
{
    private const string Prefix = "_connectmock/";
    private const string ApiKeyHeader = "X-ConnectMock-Api-Key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;

    /// <summary>A client of the ConnectMock at <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">Where ConnectMock answers, e.g. <c>http://127.0.0.1:8080/</c>.</param>
    /// <param name="apiKey">The control plane's key, when it has one (<c>ConnectMock:ControlPlane:ApiKey</c>).</param>
    public ConnectMockControlPlaneClient(Uri endpoint, string? apiKey = null)
        : this(new HttpClient { BaseAddress = endpoint }, apiKey, ownsHttpClient: true)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
    }

    /// <summary>A client over <paramref name="httpClient"/>, which stays the caller's.</summary>
    /// <param name="httpClient">Its BaseAddress is the ConnectMock's endpoint.</param>
    /// <param name="apiKey">The control plane's key, when it has one.</param>
    public ConnectMockControlPlaneClient(HttpClient httpClient, string? apiKey = null)
        : this(httpClient, apiKey, ownsHttpClient: false)
    {
    }

    private ConnectMockControlPlaneClient(HttpClient httpClient, string? apiKey, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the ConnectMock endpoint.", nameof(httpClient));
        }

        _http = httpClient;
        _ownsHttpClient = ownsHttpClient;
        ApiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
    }

    private string? ApiKey { get; }

    // ---- Contacts and chats ----

    [ControlPlaneOperation("ListContacts", "GET", "/_connectmock/contacts")]
    public Task<ContactPage> ListContactsAsync(ContactQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new ContactQuery();
        return SendAsync<ContactPage>(HttpMethod.Get, "contacts" + Query(
            ("instanceId", query.InstanceId), ("clientToken", query.ClientToken), ("contactFlowId", query.ContactFlowId),
            ("maxResults", Number(query.MaxResults)), ("nextToken", query.NextToken)), null, cancellationToken);
    }

    [ControlPlaneOperation("GetContact", "GET", "/_connectmock/contacts/{contactId}")]
    public Task<ContactDetail> GetContactAsync(string contactId, CancellationToken cancellationToken = default) =>
        SendAsync<ContactDetail>(HttpMethod.Get, "contacts/" + Segment(contactId), null, cancellationToken);

    [ControlPlaneOperation("GetStoreUsage", "GET", "/_connectmock/store")]
    public Task<StoreUsage> GetStoreUsageAsync(CancellationToken cancellationToken = default) =>
        SendAsync<StoreUsage>(HttpMethod.Get, "store", null, cancellationToken);

    [ControlPlaneOperation("GetChatTranscript", "GET", "/_connectmock/contacts/{contactId}/transcript")]
    public Task<ChatTranscript> GetChatTranscriptAsync(string contactId, CancellationToken cancellationToken = default) =>
        SendAsync<ChatTranscript>(HttpMethod.Get, $"contacts/{Segment(contactId)}/transcript", null, cancellationToken);

    [ControlPlaneOperation("EndChat", "POST", "/_connectmock/contacts/{contactId}/end")]
    public Task EndChatAsync(string contactId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"contacts/{Segment(contactId)}/end", null, cancellationToken);

    // ---- The request journal ----

    [ControlPlaneOperation("ListRequests", "GET", "/_connectmock/requests")]
    public Task<JournalPage> ListRequestsAsync(JournalQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new JournalQuery();
        return SendAsync<JournalPage>(HttpMethod.Get, "requests" + Query(
            ("operation", query.Operation), ("instanceId", query.InstanceId), ("clientToken", query.ClientToken),
            ("requestId", query.RequestId), ("maxResults", Number(query.MaxResults)), ("nextToken", query.NextToken),
            ("includeBodies", query.IncludeBodies ? "true" : null)), null, cancellationToken);
    }

    [ControlPlaneOperation("ClearRequests", "DELETE", "/_connectmock/requests")]
    public Task ClearRequestsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "requests", null, cancellationToken);

    /// <summary>Every journal entry that matches <paramref name="query"/>, newest first, following <c>nextToken</c> to the end.</summary>
    public async Task<IReadOnlyList<JournalEntry>> ListAllRequestsAsync(JournalQuery? query = null, CancellationToken cancellationToken = default)
    {
        var entries = new List<JournalEntry>();
        var page = query ?? new JournalQuery();
        while (true)
        {
            var result = await ListRequestsAsync(page, cancellationToken).ConfigureAwait(false);
            entries.AddRange(result.Requests);
            if (result.NextToken is null)
            {
                return entries;
            }

            page = page with { NextToken = result.NextToken };
        }
    }

    /// <summary>How many calls of <paramref name="operation"/> the journal holds, with <paramref name="clientToken"/> when given.</summary>
    public async Task<int> CountCallsAsync(string operation, string? clientToken = null, CancellationToken cancellationToken = default) =>
        (await ListAllRequestsAsync(new JournalQuery(Operation: operation, ClientToken: clientToken, MaxResults: 1000), cancellationToken).ConfigureAwait(false)).Count;

    /// <summary>
    /// Asserts that <paramref name="operation"/> was called exactly <paramref name="times"/> times with
    /// <paramref name="clientToken"/> (with any ClientToken when null), e.g. that an SDK retried a throttled
    /// StartChatContact once with the same token. Throws <see cref="ConnectMockAssertionException"/> listing the calls.
    /// </summary>
    public async Task AssertCalledAsync(string operation, int times, string? clientToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        ArgumentOutOfRangeException.ThrowIfNegative(times);
        var calls = await ListAllRequestsAsync(new JournalQuery(Operation: operation, ClientToken: clientToken, MaxResults: 1000), cancellationToken).ConfigureAwait(false);
        if (calls.Count == times)
        {
            return;
        }

        var withToken = clientToken is null ? "" : $" with ClientToken '{clientToken}'";
        var seen = calls.Count == 0
            ? "none"
            : string.Join("; ", calls.Reverse().Select(c => $"#{c.Sequence} {c.StatusCode}{(c.ErrorName is null ? "" : " " + c.ErrorName)}{(c.ConnectionDropped ? " (connection dropped)" : "")}"));
        throw new ConnectMockAssertionException($"Expected {operation}{withToken} to be called {times} time(s), but it was called {calls.Count} time(s): {seen}.");
    }

    // ---- Reset ----

    /// <summary>Clears contacts, journal and faults and puts the scanner and bot templates back; only instance <paramref name="instanceId"/>'s when given.</summary>
    [ControlPlaneOperation("Reset", "POST", "/_connectmock/reset")]
    public Task<ResetResult> ResetAsync(string? instanceId = null, CancellationToken cancellationToken = default) =>
        SendAsync<ResetResult>(HttpMethod.Post, "reset" + Query(("instanceId", instanceId)), null, cancellationToken);

    // ---- Faults ----

    [ControlPlaneOperation("ListFaults", "GET", "/_connectmock/faults")]
    public async Task<IReadOnlyList<Fault>> ListFaultsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<FaultList>(HttpMethod.Get, "faults", null, cancellationToken).ConfigureAwait(false)).Faults;

    [ControlPlaneOperation("AddFault", "POST", "/_connectmock/faults")]
    public Task<Fault> AddFaultAsync(FaultSpec fault, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return SendAsync<Fault>(HttpMethod.Post, "faults", JsonContent.Create(fault, options: Json), cancellationToken);
    }

    [ControlPlaneOperation("ClearFaults", "DELETE", "/_connectmock/faults")]
    public Task ClearFaultsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "faults", null, cancellationToken);

    [ControlPlaneOperation("RemoveFault", "DELETE", "/_connectmock/faults/{faultId}")]
    public Task RemoveFaultAsync(string faultId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "faults/" + Segment(faultId), null, cancellationToken);

    // ---- Instances and quotas ----

    [ControlPlaneOperation("ListInstances", "GET", "/_connectmock/instances")]
    public Task<InstanceList> ListInstancesAsync(CancellationToken cancellationToken = default) =>
        SendAsync<InstanceList>(HttpMethod.Get, "instances", null, cancellationToken);

    [ControlPlaneOperation("PutInstance", "PUT", "/_connectmock/instances/{instanceId}")]
    public Task<Instance> PutInstanceAsync(string instanceId, InstanceSpec? instance = null, CancellationToken cancellationToken = default) =>
        SendAsync<Instance>(HttpMethod.Put, "instances/" + Segment(instanceId), JsonContent.Create(instance ?? new InstanceSpec(), options: Json), cancellationToken);

    [ControlPlaneOperation("RemoveInstance", "DELETE", "/_connectmock/instances/{instanceId}")]
    public Task RemoveInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "instances/" + Segment(instanceId), null, cancellationToken);

    // ---- The simulated agent ----

    /// <summary>An agent joins (participant.joined); <paramref name="agentId"/> is DescribeContact's AgentInfo.Id (a new UUID when null).</summary>
    [ControlPlaneOperation("JoinAgent", "POST", "/_connectmock/contacts/{contactId}/agent")]
    public Task<Agent> JoinAgentAsync(string contactId, string? displayName = null, string? agentId = null, CancellationToken cancellationToken = default) =>
        SendAsync<Agent>(HttpMethod.Post, $"contacts/{Segment(contactId)}/agent", JsonContent.Create(new { displayName, agentId }, options: Json), cancellationToken);

    /// <summary>
    /// The agent leaves (participant.left). By default the chat ends with it (AGENT_DISCONNECT); with
    /// <paramref name="endChat"/> false the customer stays; with <paramref name="endAfter"/> the disconnect flow ends the
    /// chat that long after (CONTACT_FLOW_DISCONNECT, on the service's clock).
    /// </summary>
    [ControlPlaneOperation("AgentLeave", "DELETE", "/_connectmock/contacts/{contactId}/agent")]
    public Task AgentLeaveAsync(string contactId, bool endChat = true, TimeSpan? endAfter = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"contacts/{Segment(contactId)}/agent",
            endChat && endAfter is null ? null : JsonContent.Create(new { endChat, endAfter = endAfter is { } after ? System.Xml.XmlConvert.ToString(after) : null }, options: Json),
            cancellationToken);

    /// <summary>
    /// The agent transfers the chat to another agent (<paramref name="displayName"/>) or a queue: transfer.succeeded, the
    /// agent leaves, the next joins; with <paramref name="fail"/>, transfer.failed and the agent stays.
    /// </summary>
    [ControlPlaneOperation("AgentTransfer", "POST", "/_connectmock/contacts/{contactId}/agent/transfer")]
    public Task<Transfer> AgentTransferAsync(
        string contactId, string? displayName = null, string? agentId = null, string? queueId = null, bool fail = false, CancellationToken cancellationToken = default) =>
        SendAsync<Transfer>(HttpMethod.Post, $"contacts/{Segment(contactId)}/agent/transfer",
            JsonContent.Create(new { displayName, agentId, queueId, fail }, options: Json), cancellationToken);

    /// <summary>The agent invites someone (participant.invited, chatjs's onParticipantInvited).</summary>
    [ControlPlaneOperation("AgentInvite", "POST", "/_connectmock/contacts/{contactId}/agent/invite")]
    public Task<PostedItem> AgentInviteAsync(string contactId, string? displayName = null, CancellationToken cancellationToken = default) =>
        SendAsync<PostedItem>(HttpMethod.Post, $"contacts/{Segment(contactId)}/agent/invite", JsonContent.Create(new { displayName }, options: Json), cancellationToken);

    // ---- What the web console reads ----

    /// <summary>
    /// Opens the live feed (server-sent events): every contact stored or changed, every chat item (typing and receipts
    /// included), new journal entries, resets. Dispose the stream to close it.
    /// </summary>
    [ControlPlaneOperation("ConsoleEvents", "GET", "/_connectmock/events")]
    public async Task<ConnectMockEventFeed> OpenEventsAsync(CancellationToken cancellationToken = default) =>
        new(await SendRawAsync(HttpMethod.Get, "events", null, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false));

    /// <summary>The AWS operations the server answers, by the names the journal and faults use.</summary>
    [ControlPlaneOperation("ListOperations", "GET", "/_connectmock/operations")]
    public async Task<IReadOnlyList<string>> ListOperationsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<OperationList>(HttpMethod.Get, "operations", null, cancellationToken).ConfigureAwait(false)).Operations;

    /// <summary>Whether <paramref name="template"/> (JSON) is an interactive template the agent may send; if not, the problem, naming the member.</summary>
    [ControlPlaneOperation("CheckInteractiveTemplate", "POST", "/_connectmock/templates/check")]
    public Task<TemplateCheck> CheckInteractiveTemplateAsync(string template, CancellationToken cancellationToken = default) =>
        SendAsync<TemplateCheck>(HttpMethod.Post, "templates/check", new StringContent(template, System.Text.Encoding.UTF8, "application/json"), cancellationToken);

    /// <summary>The flow posts a SYSTEM message (a queue position, "you are being connected").</summary>
    [ControlPlaneOperation("FlowSendMessage", "POST", "/_connectmock/contacts/{contactId}/flow/messages")]
    public Task<PostedItem> FlowSendMessageAsync(string contactId, string content, string? contentType = null, CancellationToken cancellationToken = default) =>
        SendAsync<PostedItem>(HttpMethod.Post, $"contacts/{Segment(contactId)}/flow/messages", JsonContent.Create(new { content, contentType }, options: Json), cancellationToken);

    /// <summary>The agent writes <paramref name="content"/> (text/plain unless <paramref name="contentType"/> says otherwise).</summary>
    [ControlPlaneOperation("AgentSendMessage", "POST", "/_connectmock/contacts/{contactId}/agent/messages")]
    public Task<PostedItem> AgentSendMessageAsync(string contactId, string content, string? contentType = null, CancellationToken cancellationToken = default) =>
        SendAsync<PostedItem>(HttpMethod.Post, $"contacts/{Segment(contactId)}/agent/messages", JsonContent.Create(new { content, contentType }, options: Json), cancellationToken);

    /// <summary>The agent types, or marks <paramref name="messageId"/> read or delivered.</summary>
    [ControlPlaneOperation("AgentSendEvent", "POST", "/_connectmock/contacts/{contactId}/agent/events")]
    public Task<PostedItem> AgentSendEventAsync(string contactId, AgentEvent agentEvent, string? messageId = null, CancellationToken cancellationToken = default) =>
        SendAsync<PostedItem>(HttpMethod.Post, $"contacts/{Segment(contactId)}/agent/events",
            JsonContent.Create(new { contentType = agentEvent.ToString().ToLowerInvariant(), messageId }, options: Json), cancellationToken);

    // ---- Attachments ----

    [ControlPlaneOperation("AgentSendAttachment", "POST", "/_connectmock/contacts/{contactId}/agent/attachments")]
    public Task<Attachment> AgentSendAttachmentAsync(string contactId, string name, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        SendAsync<Attachment>(HttpMethod.Post, $"contacts/{Segment(contactId)}/agent/attachments",
            JsonContent.Create(new { name, contentType, contentBase64 = Convert.ToBase64String(content.Span) }, options: Json), cancellationToken);

    [ControlPlaneOperation("ListAttachments", "GET", "/_connectmock/contacts/{contactId}/attachments")]
    public async Task<IReadOnlyList<Attachment>> ListAttachmentsAsync(string contactId, CancellationToken cancellationToken = default) =>
        (await SendAsync<AttachmentList>(HttpMethod.Get, $"contacts/{Segment(contactId)}/attachments", null, cancellationToken).ConfigureAwait(false)).Attachments;

    /// <summary>The bytes that arrived for an attachment.</summary>
    [ControlPlaneOperation("GetAttachmentContent", "GET", "/_connectmock/attachments/{attachmentId}/content")]
    public async Task<byte[]> GetAttachmentContentAsync(string attachmentId, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(HttpMethod.Get, $"attachments/{Segment(attachmentId)}/content", null, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    [ControlPlaneOperation("GetAttachmentUsage", "GET", "/_connectmock/attachments")]
    public Task<AttachmentUsage> GetAttachmentUsageAsync(CancellationToken cancellationToken = default) =>
        SendAsync<AttachmentUsage>(HttpMethod.Get, "attachments", null, cancellationToken);

    /// <summary>Changes the simulated scanner; returns it as it now is.</summary>
    [ControlPlaneOperation("ConfigureAttachmentScanning", "PUT", "/_connectmock/attachments/scanning")]
    public Task<ScanningSettings> ConfigureAttachmentScanningAsync(ScanningSettings scanning, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scanning);
        return SendAsync<ScanningSettings>(HttpMethod.Put, "attachments/scanning", JsonContent.Create(scanning, options: Json), cancellationToken);
    }

    // ---- The bot ----

    /// <summary>The bot's interactive templates by keyword, as JSON.</summary>
    [ControlPlaneOperation("ListBotTemplates", "GET", "/_connectmock/bot/templates")]
    public async Task<IReadOnlyDictionary<string, JsonElement>> ListBotTemplatesAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<BotTemplateList>(HttpMethod.Get, "bot/templates", null, cancellationToken).ConfigureAwait(false)).Templates;

    /// <summary>The bot answers <paramref name="keyword"/> with <paramref name="templateJson"/>, an interactive message template.</summary>
    [ControlPlaneOperation("PutBotTemplate", "PUT", "/_connectmock/bot/templates/{keyword}")]
    public Task PutBotTemplateAsync(string keyword, string templateJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(templateJson);
        return SendAsync(HttpMethod.Put, "bot/templates/" + Segment(keyword), new StringContent(templateJson, Encoding.UTF8, "application/json"), cancellationToken);
    }

    [ControlPlaneOperation("RemoveBotTemplate", "DELETE", "/_connectmock/bot/templates/{keyword}")]
    public Task RemoveBotTemplateAsync(string keyword, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "bot/templates/" + Segment(keyword), null, cancellationToken);

    // ---- The clock ----

    [ControlPlaneOperation("GetClock", "GET", "/_connectmock/clock")]
    public Task<ClockState> GetClockAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ClockState>(HttpMethod.Get, "clock", null, cancellationToken);

    /// <summary>Stops the clock at <paramref name="at"/> (now when null): time then moves only by <see cref="AdvanceClockAsync"/>.</summary>
    [ControlPlaneOperation("FreezeClock", "POST", "/_connectmock/clock/freeze")]
    public Task<ClockState> FreezeClockAsync(DateTimeOffset? at = null, CancellationToken cancellationToken = default) =>
        SendAsync<ClockState>(HttpMethod.Post, "clock/freeze",
            at is { } time ? JsonContent.Create(new { at = time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) }, options: Json) : null,
            cancellationToken);

    /// <summary>Moves the clock on by <paramref name="by"/>; every timer that falls due fires, in order, before this returns.</summary>
    [ControlPlaneOperation("AdvanceClock", "POST", "/_connectmock/clock/advance")]
    public Task<ClockState> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default) =>
        SendAsync<ClockState>(HttpMethod.Post, "clock/advance", JsonContent.Create(new { by = XmlConvert.ToString(by) }, options: Json), cancellationToken);

    /// <summary>Back to the system clock.</summary>
    [ControlPlaneOperation("ReturnClockToRealTime", "POST", "/_connectmock/clock/real")]
    public Task<ClockState> ReturnClockToRealTimeAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ClockState>(HttpMethod.Post, "clock/real", null, cancellationToken);

    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{method} /{Prefix}{path} answered {(int)response.StatusCode} with no body.");
    }

    private async Task SendAsync(HttpMethod method, string path, HttpContent? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendRawAsync(
        HttpMethod method, string path, HttpContent? body, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using var request = new HttpRequestMessage(method, Prefix + path) { Content = body };
        if (ApiKey is not null)
        {
            request.Headers.Add(ApiKeyHeader, ApiKey);
        }

        var response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new ConnectMockControlPlaneException(response.StatusCode, method.Method, "/" + Prefix + path, ErrorOf(text, response.StatusCode));
        }
    }

    // The control plane answers {"error": "..."}; anything else (a proxy's page, an AWS error when it is off) as it came.
    private static string ErrorOf(string body, HttpStatusCode status)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 0 ? body : $"HTTP {(int)status} with no body.";
    }

    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Uri.EscapeDataString(value);
    }

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var set = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return set.Count == 0 ? "" : "?" + string.Join('&', set);
    }

    private sealed record FaultList(IReadOnlyList<Fault> Faults);

    private sealed record OperationList(IReadOnlyList<string> Operations);

    private sealed record AttachmentList(IReadOnlyList<Attachment> Attachments);

    private sealed record BotTemplateList(IReadOnlyDictionary<string, JsonElement> Templates);
}
