using System.Net;
using System.Text.Json.Nodes;
using ConnectMock.Tests.Infrastructure;
using ConnectMock.Tests.Participant.Attachments;

namespace ConnectMock.Tests.Connect;

/// <summary>CreateParticipant as a client sees it: a CUSTOM_BOT added to a chat, then the Participant Service as that bot.</summary>
public sealed class CreateParticipantTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    private const string Path = "/contact/create-participant";
    private const string JoinedType = "application/vnd.amazonaws.connect.event.participant.joined";
    private const string LeftType = "application/vnd.amazonaws.connect.event.participant.left";

    [Fact]
    public async Task CreateParticipant_ReturnsTheModelsMembers_TokenValidForTheChatsLifetime()
    {
        var chat = await NewChat().StartAsync();

        var response = await CreateAsync(chat.ContactId);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal(["ParticipantCredentials", "ParticipantId"], response.MemberNames);
        var credentials = response.Json.GetProperty("ParticipantCredentials");
        Assert.Equal(["ParticipantToken", "Expiry"], credentials.EnumerateObject().Select(p => p.Name));
        Assert.InRange(credentials.GetProperty("ParticipantToken").GetString()!.Length, 1, 1000);
        Assert.Equal(Wire.Iso(App.Clock.GetUtcNow().AddMinutes(1500)), credentials.GetProperty("Expiry").GetString());
        var participantId = response.Json.GetProperty("ParticipantId").GetString()!;
        Assert.True(Guid.TryParseExact(participantId, "D", out _));
        Assert.Equal(participantId.ToLowerInvariant(), participantId);
        Assert.NotEqual(chat.ParticipantId, participantId);
    }

    [Fact]
    public async Task Bot_JoinsAtItsFirstConnection_AsCustomBot()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var customer = await chat.OpenSocketAsync();

        var bot = await AddBotAsync(chat);
        var beforeConnecting = await chat.TranscriptAsync();
        await bot.ConnectAsync();
        var joined = await customer.NextItemAsync();
        await bot.ConnectAsync();
        var transcript = await chat.TranscriptAsync();

        Assert.DoesNotContain(beforeConnecting, item => From(item) == bot.ParticipantId);
        Assert.Equal(JoinedType, joined.GetProperty("ContentType").GetString());
        Assert.Equal("CUSTOM_BOT", joined.GetProperty("ParticipantRole").GetString());
        Assert.Equal("Order bot", joined.GetProperty("DisplayName").GetString());
        Assert.Equal(bot.ParticipantId, joined.GetProperty("ParticipantId").GetString());
        Assert.Single(transcript, item => item.GetProperty("ContentType").GetString() == JoinedType && From(item) == bot.ParticipantId);
    }

    [Fact]
    public async Task BotAndCustomer_ReadEachOthersMessages_OnSocketsAndInTheTranscript()
    {
        var (chat, customerSocket, bot) = await BotInChatAsync();
        await using var customer = customerSocket;
        await using var botSocket = await bot.OpenSocketAsync();

        await chat.SendMessageAsync("Where is my order?");
        var botHeard = await botSocket.NextItemAsync();
        await customer.NextItemAsync();
        await bot.SendMessageAsync("It ships today.");
        var customerHeard = await customer.NextItemAsync();
        var transcript = await bot.TranscriptAsync();

        Assert.Equal("Where is my order?", botHeard.GetProperty("Content").GetString());
        Assert.Equal("CUSTOMER", botHeard.GetProperty("ParticipantRole").GetString());
        Assert.Equal("It ships today.", customerHeard.GetProperty("Content").GetString());
        Assert.Equal("CUSTOM_BOT", customerHeard.GetProperty("ParticipantRole").GetString());
        Assert.Equal(bot.ParticipantId, customerHeard.GetProperty("ParticipantId").GetString());
        Assert.Equal(["Where is my order?", "It ships today."],
            transcript.Where(i => i.GetProperty("Type").GetString() == "MESSAGE").Select(i => i.GetProperty("Content").GetString()));
    }

    [Fact]
    public async Task BotEvents_ReachTheCustomer_WithItsRole()
    {
        var (_, customerSocket, bot) = await BotInChatAsync();
        await using var customer = customerSocket;

        var sent = await bot.CallAsync("/participant/event", """{"ContentType":"application/vnd.amazonaws.connect.event.typing"}""");
        var typing = await customer.NextItemAsync();

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Equal("application/vnd.amazonaws.connect.event.typing", typing.GetProperty("ContentType").GetString());
        Assert.Equal("CUSTOM_BOT", typing.GetProperty("ParticipantRole").GetString());
    }

    [Fact]
    public async Task BotDisconnect_PostsLeft_ChatGoesOn_AndItsTokensStopWorking()
    {
        var (chat, customerSocket, bot) = await BotInChatAsync();
        await using var customer = customerSocket;

        var disconnected = await bot.CallAsync("/participant/disconnect", "{}");
        var left = await customer.NextItemAsync();
        await chat.SendMessageAsync("still here");
        var afterwards = await bot.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"hi"}""");
        var reconnect = await bot.CallAsync("/participant/connection", """{"Type":["CONNECTION_CREDENTIALS"]}""", bot.ParticipantToken);

        Assert.Equal(HttpStatusCode.OK, disconnected.Status);
        Assert.Equal(LeftType, left.GetProperty("ContentType").GetString());
        Assert.Equal("CUSTOM_BOT", left.GetProperty("ParticipantRole").GetString());
        Assert.Equal("still here", (await customer.NextItemAsync()).GetProperty("Content").GetString());
        AwsAssert.Error(afterwards, HttpStatusCode.Forbidden, "AccessDeniedException");
        AwsAssert.Error(reconnect, HttpStatusCode.Forbidden, "AccessDeniedException");
    }

    [Fact]
    public async Task SameClientToken_ReturnsTheSameParticipantAndToken()
    {
        var chat = await NewChat().StartAsync();

        var first = await CreateAsync(chat.ContactId, clientToken: "retry-1");
        var again = await CreateAsync(chat.ContactId, clientToken: "retry-1");

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(first.Body, again.Body);
    }

    [Fact]
    public async Task SecondCustomParticipant_WhileOneIsPresent_IsServiceQuotaExceeded402()
    {
        var chat = await NewChat().StartAsync();
        await CreateAsync(chat.ContactId, clientToken: "one");

        var second = await CreateAsync(chat.ContactId, clientToken: "two");

        Assert.Contains("Only one custom participant", AwsAssert.Error(second, HttpStatusCode.PaymentRequired, "ServiceQuotaExceededException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewCustomParticipant_AfterTheFirstLeft_IsAdded()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var first = await (await AddBotAsync(chat)).ConnectAsync();
        await first.CallAsync("/participant/disconnect", "{}");

        var second = await CreateAsync(chat.ContactId);

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.NotEqual(first.ParticipantId, second.Json.GetProperty("ParticipantId").GetString());
    }

    [Fact]
    public async Task FirstConnection_AfterFifteenSeconds_IsResourceNotFound_AndTheSlotIsFreeAgain()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var late = await AddBotAsync(chat);
        App.Clock.Advance(TimeSpan.FromSeconds(14));
        var inTime = await CreateAsync(chat.ContactId);
        App.Clock.Advance(TimeSpan.FromSeconds(1));

        var connected = await late.CallAsync("/participant/connection", """{"Type":["CONNECTION_CREDENTIALS"]}""", late.ParticipantToken);
        var again = await CreateAsync(chat.ContactId);

        Assert.Equal(HttpStatusCode.PaymentRequired, inTime.Status);
        AwsAssert.Error(connected, HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.DoesNotContain(await chat.TranscriptAsync(), item => From(item) == late.ParticipantId);
    }

    [Fact]
    public async Task WhileAnAgentIsPresent_IsInvalidRequest()
    {
        var chat = await NewChat().StartAsync();
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent", """{"displayName":"Alex"}""");

        var response = await CreateAsync(chat.ContactId);

        Assert.Contains("agent is present", AwsAssert.InvalidRequest(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgentJoining_DisconnectsTheBot()
    {
        var (chat, customerSocket, bot) = await BotInChatAsync();
        await using var customer = customerSocket;
        await using var botSocket = await bot.OpenSocketAsync();

        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent", """{"displayName":"Alex"}""");
        var left = await customer.NextItemAsync();
        var joined = await customer.NextItemAsync();
        var botSent = await bot.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"hi"}""");

        Assert.Equal(LeftType, left.GetProperty("ContentType").GetString());
        Assert.Equal("CUSTOM_BOT", left.GetProperty("ParticipantRole").GetString());
        Assert.Equal(JoinedType, joined.GetProperty("ContentType").GetString());
        Assert.Equal("AGENT", joined.GetProperty("ParticipantRole").GetString());
        AwsAssert.Error(botSent, HttpStatusCode.Forbidden, "AccessDeniedException");
        Assert.NotNull(await botSocket.ClosedAsync());
    }

    [Fact]
    public async Task StoppedContact_IsInvalidRequest()
    {
        var chat = await NewChat().StartAsync();
        await Client.SendAsync(HttpMethod.Post, "/contact/stop", Wire.Json($$"""{"ContactId":"{{chat.ContactId}}","InstanceId":"{{Requests.InstanceId}}"}"""));

        Assert.Contains("ended", AwsAssert.InvalidRequest(await CreateAsync(chat.ContactId)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContactPastItsDuration_IsInvalidRequest()
    {
        var chat = await NewChat().StartAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(1500));

        AwsAssert.InvalidRequest(await CreateAsync(chat.ContactId));
    }

    [Fact]
    public async Task SameClientToken_AfterTheChatEnded_StillReturnsTheSameParticipant()
    {
        var chat = await NewChat().StartAsync();
        var first = await CreateAsync(chat.ContactId, clientToken: "before-the-end");
        await Client.SendAsync(HttpMethod.Post, "/contact/stop", Wire.Json($$"""{"ContactId":"{{chat.ContactId}}","InstanceId":"{{Requests.InstanceId}}"}"""));

        var again = await CreateAsync(chat.ContactId, clientToken: "before-the-end");

        Assert.Equal(first.Body, again.Body);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("other-instance")]
    public async Task UnknownContact_IsResourceNotFound(string which)
    {
        var chat = await NewChat().StartAsync();
        var (instanceId, contactId) = which == "unknown"
            ? (Requests.InstanceId, Guid.NewGuid().ToString())
            : ("99999999-2222-3333-4444-555555555555", chat.ContactId);

        var response = await CreateAsync(contactId, instanceId: instanceId);

        AwsAssert.Error(response, HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    [Theory]
    [InlineData("AGENT", "The only valid value for ParticipantRole is CUSTOM_BOT")]
    [InlineData("CUSTOMER", "The only valid value for ParticipantRole is CUSTOM_BOT")]
    [InlineData("ROBOT", "Member must satisfy enum value set: [AGENT, CUSTOMER, SYSTEM, CUSTOM_BOT, SUPERVISOR]")]
    [InlineData(null, "Member must not be null")]
    public async Task RoleOtherThanCustomBot_IsInvalidRequest(string? role, string clause)
    {
        var chat = await NewChat().StartAsync();
        var details = new JsonObject { ["DisplayName"] = "Order bot" };
        if (role is not null)
        {
            details["ParticipantRole"] = role;
        }

        var message = AwsAssert.InvalidRequest(await SendAsync(Body(chat.ContactId).With("ParticipantDetails", details)));

        Assert.Contains(clause, message, StringComparison.Ordinal);
        Assert.Contains("participantDetails.participantRole", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ParticipantDetails", null, "participantDetails", "Member must not be null")]
    [InlineData("ParticipantDetails", """{"ParticipantRole":"CUSTOM_BOT"}""", "participantDetails.displayName", "Member must not be null")]
    [InlineData("ParticipantDetails", """{"ParticipantRole":"CUSTOM_BOT","DisplayName":""}""", "participantDetails.displayName", "Member must have length greater than or equal to 1")]
    [InlineData("ContactId", null, "contactId", "Member must not be null")]
    [InlineData("InstanceId", null, "instanceId", "Member must not be null")]
    [InlineData("ClientToken", "\"TOO_LONG\"", "clientToken", "Member must have length less than or equal to 500")]
    public async Task BrokenConstraint_IsInvalidRequest_NotInvalidParameter(string member, string? json, string path, string clause)
    {
        var chat = await NewChat().StartAsync();
        JsonNode? value = json == "\"TOO_LONG\"" ? JsonValue.Create(Requests.Text(501)) : json is null ? null : JsonNode.Parse(json);
        var body = value is null ? Body(chat.ContactId).Without(member) : Body(chat.ContactId).With(member, value);

        var message = AwsAssert.InvalidRequest(await SendAsync(body));

        Assert.Contains($"at '{path}'", message, StringComparison.Ordinal);
        Assert.Contains(clause, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisplayNameOf257Characters_IsInvalidRequest()
    {
        var chat = await NewChat().StartAsync();

        var response = await CreateAsync(chat.ContactId, displayName: Requests.Text(257));

        Assert.Contains("Member must have length less than or equal to 256", AwsAssert.InvalidRequest(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bot_IsNotPermittedAttachments_AccessDenied()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var bot = await (await AddBotAsync(chat)).ConnectAsync();

        var upload = await bot.StartUploadAsync("receipt.png", "image/png", 1024);
        var download = await bot.CallAsync("/participant/attachment", $$"""{"AttachmentId":"{{Guid.NewGuid()}}"}""");

        Assert.Contains("CUSTOM_BOT", AwsAssert.Error(upload, HttpStatusCode.Forbidden, "AccessDeniedException"), StringComparison.Ordinal);
        Assert.Contains("CUSTOM_BOT", AwsAssert.Error(download, HttpStatusCode.Forbidden, "AccessDeniedException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomersToken_KeepsWorking_AndTheBotsTokenIsItsOwn()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var bot = await (await AddBotAsync(chat)).ConnectAsync();

        var customerAgain = await chat.CallAsync("/participant/connection", """{"Type":["CONNECTION_CREDENTIALS"]}""", chat.ParticipantToken);
        var botSent = await bot.SendMessageAsync("from the bot");
        var byId = (await chat.TranscriptAsync()).Single(i => i.GetProperty("Id").GetString() == botSent);

        Assert.Equal(HttpStatusCode.OK, customerAgain.Status);
        Assert.NotEqual(chat.ParticipantToken, bot.ParticipantToken);
        Assert.Equal(bot.ParticipantId, byId.GetProperty("ParticipantId").GetString());
        Assert.Equal("CUSTOM_BOT", byId.GetProperty("ParticipantRole").GetString());
    }

    private static string? From(System.Text.Json.JsonElement item) =>
        item.TryGetProperty("ParticipantId", out var id) ? id.GetString() : null;

    private static JsonObject Body(string contactId, string? clientToken = null, string displayName = "Order bot", string instanceId = Requests.InstanceId)
    {
        var body = new JsonObject
        {
            ["InstanceId"] = instanceId,
            ["ContactId"] = contactId,
            ["ParticipantDetails"] = new JsonObject { ["ParticipantRole"] = "CUSTOM_BOT", ["DisplayName"] = displayName },
        };
        if (clientToken is not null)
        {
            body["ClientToken"] = clientToken;
        }

        return body;
    }

    private Task<WireResponse> SendAsync(JsonObject body) => Client.SendAsync(HttpMethod.Post, Path, Wire.Json(body.ToJsonString()));

    private Task<WireResponse> CreateAsync(string contactId, string? clientToken = null, string displayName = "Order bot", string instanceId = Requests.InstanceId) =>
        SendAsync(Body(contactId, clientToken, displayName, instanceId));

    /// <summary>A connected customer with a subscribed socket, and a connected bot whose participant.joined that socket has read.</summary>
    private async Task<(ChatDriver Chat, ChatSocket CustomerSocket, ChatDriver Bot)> BotInChatAsync()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var customer = await chat.OpenSocketAsync();
        var bot = await (await AddBotAsync(chat)).ConnectAsync();
        Assert.Equal(bot.ParticipantId, From(await customer.NextItemAsync()));
        return (chat, customer, bot);
    }

    /// <summary>Adds a bot to the chat and returns its side of it, not yet connected.</summary>
    private async Task<ChatDriver> AddBotAsync(ChatDriver chat)
    {
        var response = await CreateAsync(chat.ContactId);
        Assert.True(response.Status == HttpStatusCode.OK, response.Body);
        var token = response.Json.GetProperty("ParticipantCredentials").GetProperty("ParticipantToken").GetString()!;
        return chat.As(response.Json.GetProperty("ParticipantId").GetString()!, token);
    }
}
