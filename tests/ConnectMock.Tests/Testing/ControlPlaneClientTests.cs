using System.Net;
using System.Text;
using ConnectMock.Testing;
using ConnectMock.Tests.ControlPlane;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Testing;

/// <summary>The typed control-plane client against a real server: each area, and the control plane's errors as typed exceptions.</summary>
public sealed class ControlPlaneClientTests(RunningServer running) : IClassFixture<RunningServer>, IAsyncLifetime
{
    private const string FlowId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private readonly ConnectMockControlPlaneClient _client = running.Server.ControlPlane;
    private readonly HttpClient _http = new() { BaseAddress = running.Server.Endpoint };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _client.ResetAsync(cancellationToken: Cancel);

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Contacts_are_listed_filtered_and_read_with_what_was_sent()
    {
        var first = await _http.StartContactAsync(Requests.Minimal("a"));
        var second = await _http.StartContactAsync(Requests.Minimal("b"));

        var all = await _client.ListContactsAsync(cancellationToken: Cancel);
        Assert.Equal([second, first], all.Contacts.Select(c => c.ContactId));
        var byToken = await _client.ListContactsAsync(new ContactQuery(ClientToken: "a"), Cancel);
        Assert.Equal(first, Assert.Single(byToken.Contacts).ContactId);
        var paged = await _client.ListContactsAsync(new ContactQuery(MaxResults: 1), Cancel);
        Assert.NotNull(paged.NextToken);
        var detail = await _client.GetContactAsync(first, Cancel);
        Assert.Equal("Jane", detail.Request.GetProperty("ParticipantDetails").GetProperty("DisplayName").GetString());
        Assert.False(string.IsNullOrEmpty(detail.ParticipantToken));
        Assert.Equal(2, (await _client.GetStoreUsageAsync(Cancel)).Contacts);
    }

    [Fact]
    public async Task A_refused_call_throws_the_typed_exception_with_the_control_planes_message()
    {
        var missing = await Assert.ThrowsAsync<ConnectMockControlPlaneException>(() => _client.GetContactAsync("no-such-contact", Cancel));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("GET", missing.Method);
        Assert.Equal("/_connectmock/contacts/no-such-contact", missing.Path);
        var expected = (await _http.ControlAsync(HttpMethod.Get, "/contacts/no-such-contact")).Json.GetProperty("error").GetString();
        Assert.Equal(expected, missing.Message);

        var invalid = await Assert.ThrowsAsync<ConnectMockControlPlaneException>(() => _client.AddFaultAsync(new FaultSpec(Operation: "NoSuchOperation", Error: "ThrottlingException"), Cancel));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.StartsWith("operation must be one of", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_journal_assertion_counts_calls_with_a_client_token_and_says_what_it_saw()
    {
        await _client.AddFaultAsync(new FaultSpec(Operation: "StartChatContact", Error: "ThrottlingException", Count: 1), Cancel);
        AwsAssert.Error(await _http.StartChatAsync(Requests.Minimal("retry-me").ToJsonString()), HttpStatusCode.TooManyRequests, "ThrottlingException");
        await _http.StartContactAsync(Requests.Minimal("retry-me"));
        await _http.StartContactAsync(Requests.Minimal("other"));

        await _client.AssertCalledAsync("StartChatContact", 2, "retry-me", Cancel);
        await _client.AssertCalledAsync("StartChatContact", 3, cancellationToken: Cancel);
        var wrong = await Assert.ThrowsAsync<ConnectMockAssertionException>(() => _client.AssertCalledAsync("StartChatContact", 1, "retry-me", Cancel));
        Assert.Matches(@"^Expected StartChatContact with ClientToken 'retry-me' to be called 1 time\(s\), but it was called 2 time\(s\): #\d+ 429 ThrottlingException; #\d+ 200\.$", wrong.Message);

        var withBodies = await _client.ListRequestsAsync(new JournalQuery(ClientToken: "other", IncludeBodies: true), Cancel);
        Assert.Equal("other", Assert.Single(withBodies.Requests).RequestBody!.Value.GetProperty("ClientToken").GetString());
        await _client.ClearRequestsAsync(Cancel);
        await _client.AssertCalledAsync("StartChatContact", 0, cancellationToken: Cancel);
    }

    [Fact]
    public async Task Faults_are_added_listed_and_removed()
    {
        var fault = await _client.AddFaultAsync(new FaultSpec(Error: "InternalServiceException", Count: 2, DropConnection: null), Cancel);
        Assert.Equal(500, fault.StatusCode);
        Assert.Equal(2, fault.Remaining);
        var dropping = await _client.AddFaultAsync(new FaultSpec(Operation: "StartChatContact", DropConnection: DropConnection.AfterProcessing), Cancel);
        Assert.Equal(DropConnection.AfterProcessing, Assert.Single(await _client.ListFaultsAsync(Cancel), f => f.Id == dropping.Id).DropConnection);

        await _client.RemoveFaultAsync(fault.Id, Cancel);
        Assert.Equal(dropping.Id, Assert.Single(await _client.ListFaultsAsync(Cancel)).Id);
        await _client.ClearFaultsAsync(Cancel);
        Assert.Empty(await _client.ListFaultsAsync(Cancel));
    }

    [Fact]
    public async Task Instances_and_quotas_are_declared_listed_and_removed()
    {
        var instance = await _client.PutInstanceAsync(Requests.InstanceId, new InstanceSpec([FlowId], 1), Cancel);
        Assert.Equal([FlowId], instance.ContactFlowIds);
        await _http.StartContactAsync(Requests.Minimal());
        AwsAssert.Error(await _http.StartChatAsync(Requests.Minimal().ToJsonString()), HttpStatusCode.TooManyRequests, "LimitExceededException");

        var listed = await _client.ListInstancesAsync(Cancel);
        Assert.True(listed.Strict);
        Assert.Equal(1, Assert.Single(listed.Instances).ActiveChats);
        await _client.RemoveInstanceAsync(Requests.InstanceId, Cancel);
        Assert.Empty((await _client.ListInstancesAsync(Cancel)).Instances);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<ConnectMockControlPlaneException>(() => _client.RemoveInstanceAsync(Requests.InstanceId, Cancel))).StatusCode);
    }

    [Fact]
    public async Task The_agent_joins_writes_signals_and_leaves_and_the_chat_ends()
    {
        var chat = await (await new ChatDriver(_http).StartAsync()).ConnectAsync();
        var customerMessage = await chat.SendMessageAsync("hello agent");

        var agent = await _client.JoinAgentAsync(chat.ContactId, "Sam", cancellationToken: Cancel);
        var said = await _client.AgentSendMessageAsync(chat.ContactId, "hi, Sam here", cancellationToken: Cancel);
        await _client.AgentSendEventAsync(chat.ContactId, AgentEvent.Typing, cancellationToken: Cancel);
        await _client.AgentSendEventAsync(chat.ContactId, AgentEvent.Read, customerMessage, Cancel);
        await _client.AgentLeaveAsync(chat.ContactId, cancellationToken: Cancel);

        var transcript = await _client.GetChatTranscriptAsync(chat.ContactId, Cancel);
        Assert.Equal(chat.ContactId, transcript.InitialContactId);
        var message = Assert.Single(transcript.Transcript, i => i.Id == said.Id);
        Assert.Equal(("hi, Sam here", "AGENT", "Sam", agent.ParticipantId), (message.Content, message.ParticipantRole, message.DisplayName, message.ParticipantId));
        // The agent's read receipt lands on the customer's message, as Connect shows receipts.
        var read = Assert.Single(transcript.Transcript, i => i.Id == customerMessage);
        Assert.Contains("ReadTimestamp", read.Other!["MessageMetadata"].GetRawText(), StringComparison.Ordinal);
        Assert.Contains(transcript.Transcript, i => i.ContentType == "application/vnd.amazonaws.connect.event.participant.left" && i.ParticipantId == agent.ParticipantId);

        await _client.EndChatAsync(chat.ContactId, Cancel);
        Assert.Contains((await _client.GetChatTranscriptAsync(chat.ContactId, Cancel)).Transcript, i => i.ContentType == "application/vnd.amazonaws.connect.event.chat.ended");
    }

    [Fact]
    public async Task Attachments_the_agent_sends_are_listed_and_read_back_and_the_scanner_is_configured()
    {
        var chat = await new ChatDriver(_http).StartAsync();
        await _client.JoinAgentAsync(chat.ContactId, cancellationToken: Cancel);
        var bytes = Encoding.UTF8.GetBytes("invoice 1001");

        var sent = await _client.AgentSendAttachmentAsync(chat.ContactId, "invoice.txt", "text/plain", bytes, Cancel);

        Assert.Equal(("invoice.txt", 12L), (sent.AttachmentName, sent.AttachmentSizeInBytes));
        Assert.Equal(sent.AttachmentId, Assert.Single(await _client.ListAttachmentsAsync(chat.ContactId, Cancel)).AttachmentId);
        Assert.Equal(bytes, await _client.GetAttachmentContentAsync(sent.AttachmentId, Cancel));
        Assert.Equal(12, (await _client.GetAttachmentUsageAsync(Cancel)).Bytes);
        var scanning = await _client.ConfigureAttachmentScanningAsync(new ScanningSettings(Enabled: true, RejectNamePattern: "virus"), Cancel);
        Assert.Equal((true, "virus"), (scanning.Enabled, scanning.RejectNamePattern));
        Assert.True((await _client.GetAttachmentUsageAsync(Cancel)).Scanning.Enabled);
    }

    [Fact]
    public async Task Bot_templates_are_put_listed_and_removed_and_reset_clears_everything()
    {
        await _client.PutBotTemplateAsync("rate", InteractiveTemplateSamples.QuickReply, Cancel);
        Assert.Equal("QuickReply", (await _client.ListBotTemplatesAsync(Cancel))["rate"].GetProperty("templateType").GetString());
        await _client.RemoveBotTemplateAsync("rate", Cancel);
        Assert.False((await _client.ListBotTemplatesAsync(Cancel)).ContainsKey("rate"));

        await _http.StartContactAsync(Requests.Minimal());
        await _client.AddFaultAsync(new FaultSpec(LatencyMs: 1), Cancel);
        var reset = await _client.ResetAsync(cancellationToken: Cancel);
        Assert.Equal((1, 1, 1), (reset.ContactsRemoved, reset.RequestsRemoved, reset.FaultsRemoved));
        Assert.Empty((await _client.ListContactsAsync(cancellationToken: Cancel)).Contacts);
    }

    [Fact]
    public async Task The_agent_leaves_without_ending_transfers_invites_and_the_flow_speaks()
    {
        var chat = await (await new ChatDriver(_http).StartAsync()).ConnectAsync();
        await _client.JoinAgentAsync(chat.ContactId, "Sam", agentId: "agent-7", cancellationToken: Cancel);

        var transfer = await _client.AgentTransferAsync(chat.ContactId, displayName: "Kim", cancellationToken: Cancel);
        var invited = await _client.AgentInviteAsync(chat.ContactId, "Pat (Supervisor)", Cancel);
        var flow = await _client.FlowSendMessageAsync(chat.ContactId, "You are number 2 in the queue", cancellationToken: Cancel);
        await _client.AgentLeaveAsync(chat.ContactId, endChat: false, cancellationToken: Cancel);

        Assert.Equal(("SUCCEEDED", "Kim"), (transfer.Outcome, transfer.Agent?.DisplayName));
        var items = (await _client.GetChatTranscriptAsync(chat.ContactId, Cancel)).Transcript;
        Assert.Contains(items, i => i.Id == invited.Id && i.ContentType == "application/vnd.amazonaws.connect.event.participant.invited");
        Assert.Equal("SYSTEM", Assert.Single(items, i => i.Id == flow.Id).ParticipantRole);
        Assert.Equal("ACTIVE", (await _client.GetContactAsync(chat.ContactId, Cancel)).State);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await chat.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"still here"}""")).Status);
    }

    [Fact]
    public async Task The_live_feed_tells_of_a_new_contact_and_the_operations_and_template_check_answer()
    {
        await using var feed = await _client.OpenEventsAsync(Cancel);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        reading.CancelAfter(TimeSpan.FromSeconds(20));
        var events = feed.ReadAllAsync(reading.Token).GetAsyncEnumerator(reading.Token);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("ready", events.Current.Name);

        var contactId = await _http.StartContactAsync(Requests.Minimal());
        ConnectMockEvent? told = null;
        while (told is null && await events.MoveNextAsync())
        {
            told = events.Current is { Name: "contact" } e && e.Data.GetProperty("contactId").GetString() == contactId ? e : null;
        }

        Assert.NotNull(told);
        await events.DisposeAsync();
        Assert.Contains("StartChatContact", await _client.ListOperationsAsync(Cancel));
        Assert.True((await _client.CheckInteractiveTemplateAsync(BotEndpointsExample, Cancel)).Valid);
        var broken = await _client.CheckInteractiveTemplateAsync("""{"templateType":"ListPicker","version":"1.0","data":{}}""", Cancel);
        Assert.False(broken.Valid);
        Assert.Contains("content", broken.Problem, StringComparison.Ordinal);
    }

    private const string BotEndpointsExample =
        """{"templateType":"ListPicker","version":"1.0","data":{"content":{"title":"What can I help you with?","elements":[{"title":"Billing"}]}}}""";

    [Fact]
    public async Task The_clock_freezes_advances_firing_due_timers_and_returns_to_real_time()
    {
        var at = new DateTimeOffset(2026, 12, 7, 13, 0, 0, TimeSpan.Zero);
        var frozen = await _client.FreezeClockAsync(at, Cancel);
        Assert.Equal((at, true), (frozen.Now, frozen.Frozen));
        var chat = await (await new ChatDriver(_http).StartAsync(Requests.Minimal().With("ChatDurationInMinutes", 60))).ConnectAsync();
        Assert.True((await _client.GetClockAsync(Cancel)).PendingTimers >= 1);

        var advanced = await _client.AdvanceClockAsync(TimeSpan.FromMinutes(61), Cancel);

        Assert.Equal(at.AddMinutes(61), advanced.Now);
        Assert.True(advanced.FiredTimers >= 1, $"fired {advanced.FiredTimers}");
        var ended = Assert.Single((await _client.GetChatTranscriptAsync(chat.ContactId, Cancel)).Transcript, i => i.ContentType == "application/vnd.amazonaws.connect.event.chat.ended");
        Assert.Equal(at.AddMinutes(60), DateTimeOffset.Parse(ended.AbsoluteTime, System.Globalization.CultureInfo.InvariantCulture));
        var real = await _client.ReturnClockToRealTimeAsync(Cancel);
        Assert.False(real.Frozen);
        Assert.Equal(0, real.OffsetMilliseconds);
        var tooFar = await Assert.ThrowsAsync<ConnectMockControlPlaneException>(() => _client.AdvanceClockAsync(TimeSpan.FromDays(3651), Cancel));
        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
    }
}
