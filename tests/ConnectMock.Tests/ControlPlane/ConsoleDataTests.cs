using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.ControlPlane;

/// <summary>What the control plane shows that the web console lists and filters by: names, last activity, participants, status.</summary>
public sealed class ConsoleDataTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task AContactInTheList_HasItsCustomersName_AndItsLastActivity()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(3));
        await chat.SendMessageAsync("still there?");

        var listed = (await Client.ControlAsync(HttpMethod.Get, "/contacts")).Json.GetProperty("contacts")[0];

        Assert.Equal("Jane", listed.GetProperty("displayName").GetString());
        var started = listed.GetProperty("initiatedAt").GetDateTimeOffset();
        Assert.Equal(started + TimeSpan.FromMinutes(3), listed.GetProperty("lastActivityAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task OneContact_ShowsItsParticipants_AndItsAttributesAsTheyAreNow()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent", """{"displayName":"Alex (Agent)"}""");
        await Client.SendAsync(HttpMethod.Post, "/contact/attributes", Wire.Json(
            $$$"""{"InstanceId":"11111111-2222-3333-4444-555555555555","InitialContactId":"{{{chat.ContactId}}}","Attributes":{"tier":"gold"}}"""));

        var detail = (await Client.ControlAsync(HttpMethod.Get, $"/contacts/{chat.ContactId}")).Json;

        Assert.Equal("Jane", detail.GetProperty("displayName").GetString());
        Assert.Equal("gold", detail.GetProperty("attributes").GetProperty("tier").GetString());
        var participants = detail.GetProperty("participants").EnumerateArray()
            .Select(p => (p.GetProperty("displayName").GetString(), p.GetProperty("participantRole").GetString(), p.GetProperty("left").GetBoolean())).ToList();
        Assert.Equal([("Jane", "CUSTOMER", false), ("Alex (Agent)", "AGENT", false)], participants);
        Assert.False(detail.TryGetProperty("endedAt", out _));
    }

    [Theory]
    [InlineData("4xx", 1)]
    [InlineData("429", 1)]
    [InlineData("2xx", 1)]
    [InlineData("200", 1)]
    [InlineData("5xx", 0)]
    public async Task TheJournal_FiltersByStatus_ACodeOrAClass(string status, int expected)
    {
        await Client.ControlAsync(HttpMethod.Post, "/faults", """{"operation":"StartChatContact","error":"ThrottlingException","count":1}""");
        await Client.StartChatAsync(Requests.Minimal("filter-1").ToJsonString());
        await Client.StartChatAsync(Requests.Minimal("filter-1").ToJsonString());

        var page = await Client.ControlAsync(HttpMethod.Get, $"/requests?status={status}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(expected, page.Json.GetProperty("requests").GetArrayLength());
    }

    [Theory]
    [InlineData("4")]
    [InlineData("6xx")]
    [InlineData("4x")]
    [InlineData("abc")]
    [InlineData("0429")]
    public async Task TheJournal_RefusesAStatusItCannotRead(string status)
    {
        var response = await Client.ControlAsync(HttpMethod.Get, $"/requests?status={status}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("status must be an HTTP status code (429) or a class of them (2xx, 4xx, 5xx).", response.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TheBotList_ShowsTheBotsSettingsAsConfigured()
    {
        var bot = (await Client.ControlAsync(HttpMethod.Get, "/bot/templates")).Json.GetProperty("bot");

        Assert.False(bot.GetProperty("enabled").GetBoolean());
        Assert.Equal("BOT", bot.GetProperty("displayName").GetString());
        Assert.Equal(300, bot.GetProperty("delayMs").GetInt32());
        Assert.Equal("You said: {message}", bot.GetProperty("reply").GetString());
    }
}
