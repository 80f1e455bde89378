using System.Net;
using System.Text.Json;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.ControlPlane;

public sealed class InspectionTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task StoreUsage_ShowsWhatTheStoreHoldsAgainstItsBounds()
    {
        var empty = (await Client.ControlAsync(HttpMethod.Get, "/store")).Json;
        for (var i = 0; i < 3; i++)
        {
            AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().With("ClientToken", $"usage-{i}").ToJsonString()));
        }

        var used = (await Client.ControlAsync(HttpMethod.Get, "/store")).Json;

        Assert.Equal(0, empty.GetProperty("contacts").GetInt32());
        Assert.Equal(0, empty.GetProperty("bytes").GetInt64());
        Assert.Equal(3, used.GetProperty("contacts").GetInt32());
        Assert.Equal(50_000, used.GetProperty("maxContacts").GetInt32());
        Assert.Equal(128L * 1024 * 1024, used.GetProperty("maxBytes").GetInt64());
        Assert.InRange(used.GetProperty("bytes").GetInt64(), 3 * 256, 3 * 4096);
        Assert.True(used.GetProperty("recordBytes").GetInt64() > 0);
    }

    [Fact]
    public async Task GetContact_ShowsEveryMemberSentItsStateTimestampsAndToken()
    {
        var sent = Requests.Full(clientToken: "inspect-me");
        var started = AwsAssert.Started(await Client.StartChatAsync(sent.ToJsonString()));

        var contact = (await Client.ControlAsync(HttpMethod.Get, $"/contacts/{started.ContactId}")).Json;

        Assert.Equal(started.ContactId, contact.GetProperty("contactId").GetString());
        Assert.Equal(started.ParticipantId, contact.GetProperty("participantId").GetString());
        Assert.Equal(started.ParticipantToken, contact.GetProperty("participantToken").GetString());
        Assert.Equal("ACTIVE", contact.GetProperty("state").GetString());
        Assert.Equal(App.Clock.GetUtcNow(), contact.GetProperty("initiatedAt").GetDateTimeOffset());
        Assert.Equal(App.Clock.GetUtcNow().AddMinutes(60), contact.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(60, contact.GetProperty("chatDurationInMinutes").GetInt32());
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(sent.ToJsonString()).RootElement, contact.GetProperty("request")),
            $"the stored request differs from what was sent: {contact.GetProperty("request")}");
    }

    [Fact]
    public async Task GetContact_AfterItsChatDuration_IsEnded()
    {
        var chat = await (await NewChat().StartAsync(Requests.Minimal().With("ChatDurationInMinutes", 60))).ConnectAsync();

        App.Clock.Advance(TimeSpan.FromMinutes(59));
        var before = (await Client.ControlAsync(HttpMethod.Get, $"/contacts/{chat.ContactId}")).Json;
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = (await Client.ControlAsync(HttpMethod.Get, $"/contacts/{chat.ContactId}")).Json;

        Assert.Equal("ACTIVE", before.GetProperty("state").GetString());
        Assert.Equal("ENDED", after.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("not-a-guid")]
    public async Task GetContact_Unknown_IsAPlainJson404(string contactId)
    {
        var response = await Client.ControlAsync(HttpMethod.Get, $"/contacts/{contactId}");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal($"No stored contact has the id '{contactId}'.", response.Json.GetProperty("error").GetString());
        Assert.Null(response.Header("x-amzn-ErrorType"));
    }

    [Fact]
    public async Task ListContacts_NewestFirstWithoutParticipantTokens()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: $"t{i}").ToJsonString())).ContactId);
        }

        var response = await Client.ControlAsync(HttpMethod.Get, "/contacts");

        var contacts = response.Json.GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(ids.AsEnumerable().Reverse(), contacts.Select(c => c.GetProperty("contactId").GetString()));
        Assert.All(contacts, c => Assert.False(c.TryGetProperty("participantToken", out _)));
        Assert.DoesNotContain("ParticipantToken", response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Json.TryGetProperty("nextToken", out _));
    }

    [Theory]
    [InlineData("instanceId=instance-b", 2)]
    [InlineData("clientToken=token-1", 1)]
    [InlineData("contactFlowId=flow-x", 1)]
    [InlineData("instanceId=instance-a&contactFlowId=flow-x", 1)]
    [InlineData("instanceId=nobody", 0)]
    public async Task ListContacts_FiltersByInstanceTokenAndFlow(string query, int expected)
    {
        await Client.StartChatAsync(Requests.Minimal(clientToken: "token-1").With("InstanceId", "instance-a").With("ContactFlowId", "flow-x").ToJsonString());
        await Client.StartChatAsync(Requests.Minimal(clientToken: "token-2").With("InstanceId", "instance-b").ToJsonString());
        await Client.StartChatAsync(Requests.Minimal(clientToken: "token-3").With("InstanceId", "instance-b").ToJsonString());

        var contacts = (await Client.ControlAsync(HttpMethod.Get, $"/contacts?{query}")).Json.GetProperty("contacts");

        Assert.Equal(expected, contacts.GetArrayLength());
    }

    [Fact]
    public async Task ListContacts_PagesWithNextToken()
    {
        for (var i = 0; i < 5; i++)
        {
            await Client.StartChatAsync(Requests.Minimal(clientToken: $"t{i}").ToJsonString());
        }

        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = (await Client.ControlAsync(HttpMethod.Get, "/contacts?maxResults=2" + (next is null ? "" : $"&nextToken={next}"))).Json;
            seen.AddRange(page.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("clientToken").GetString()!));
            next = page.TryGetProperty("nextToken", out var token) ? token.GetString() : null;
            pages++;
        }
        while (next is not null);

        Assert.Equal(3, pages);
        Assert.Equal(["t4", "t3", "t2", "t1", "t0"], seen);
    }

    [Theory]
    [InlineData("maxResults=0", "maxResults must be a whole number from 1 to 1000.")]
    [InlineData("maxResults=1001", "maxResults must be a whole number from 1 to 1000.")]
    [InlineData("nextToken=abc", "nextToken is not one that this API returned.")]
    public async Task ListContacts_BadPaging_IsAPlainJson400(string query, string error)
    {
        var response = await Client.ControlAsync(HttpMethod.Get, $"/contacts?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(error, response.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task UnknownControlPlanePath_IsAPlainJson404()
    {
        var response = await Client.ControlAsync(HttpMethod.Get, "/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("The control plane has no GET /_connectmock/nothing-here.", response.Json.GetProperty("error").GetString());
    }
}
