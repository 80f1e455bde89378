using System.Net;
using System.Text.Json.Nodes;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Connect;

public sealed class StartChatContactTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task StartChatContact_MinimalRequest_ReturnsIdsAndTokenWithAwsMemberNames()
    {
        var response = await Client.StartChatAsync(Requests.Minimal().ToJsonString());

        var (contactId, participantId, token) = AwsAssert.Started(response);
        Assert.NotEqual(contactId, participantId);
        Assert.True(token.Length >= 32, "the participant token is long enough to be unguessable");
    }

    [Fact]
    public async Task StartChatContact_AllFourteenMembers_IsAccepted()
    {
        var body = Requests.Full();
        Assert.Equal(13, body.Count); // PersistentChat excludes RelatedContactId; the persistent test covers the 14th.

        var response = await Client.StartChatAsync(body.ToJsonString());

        AwsAssert.Started(response);
    }

    [Fact]
    public async Task StartChatContact_PersistentChat_ReturnsContinuedFromContactId()
    {
        var source = await Client.StartContactAsync(Requests.Minimal());
        await Client.SendAsync(HttpMethod.Post, "/contact/stop", Wire.Json($$"""{"ContactId":"{{source}}","InstanceId":"{{Requests.InstanceId}}"}"""));

        var response = await Client.StartChatAsync(Requests.Persistent(source).ToJsonString());

        AwsAssert.Started(response, persistent: true);
        Assert.Equal(source, response.Json.GetProperty("ContinuedFromContactId").GetString());
    }

    [Fact]
    public async Task StartChatContact_UnknownMembers_AreIgnoredAsAwsDoes()
    {
        var body = Requests.Minimal()
            .With("SomeFutureMember", new JsonObject { ["Nested"] = new JsonArray(1, 2) })
            .With("instanceId", 42);

        var response = await Client.StartChatAsync(body.ToJsonString());

        AwsAssert.Started(response);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/x-amz-json-1.1")]
    public async Task StartChatContact_JsonOrNoContentType_IsReadAsJson(string? contentType)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(Requests.Minimal().ToJsonString());

        var response = await Client.SendAsync(HttpMethod.Put, Wire.ChatPath, Wire.Raw(body, contentType));

        AwsAssert.Started(response);
    }

    [Fact]
    public async Task StartChatContact_EachCall_GetsItsOwnIdsTokenAndRequestId()
    {
        var responses = new List<WireResponse>();
        for (var i = 0; i < 20; i++)
        {
            responses.Add(await Client.StartChatAsync(Requests.Minimal(clientToken: $"token-{i}").ToJsonString()));
        }

        var started = responses.Select(r => AwsAssert.Started(r)).ToList();
        Assert.Equal(20, started.Select(s => s.ContactId).Distinct().Count());
        Assert.Equal(20, started.Select(s => s.ParticipantId).Distinct().Count());
        Assert.Equal(20, started.Select(s => s.ParticipantToken).Distinct().Count());
        Assert.Equal(20, responses.Select(r => r.RequestId).Distinct().Count());
        Assert.Equal(20, App.Store.Count);
    }

    [Fact]
    public async Task StartChatContact_StoresTheContactWithEveryMemberSent()
    {
        var body = Requests.Full(clientToken: "stored-1");

        var response = await Client.StartChatAsync(body.ToJsonString());

        var (contactId, _, _) = AwsAssert.Started(response);
        var contact = App.Store.Find(Guid.Parse(contactId))!;
        Assert.Equal("11111111-2222-3333-4444-555555555555", contact.Request.InstanceId);
        Assert.Equal("Jane", contact.Request.DisplayName);
        Assert.Equal("gold", contact.Request.Attributes!["customer_tier"]);
        Assert.Equal("hi", contact.Request.InitialMessage!.Content);
        Assert.Equal("connect:Guide", contact.Request.SegmentAttributes!["connect:Subtype"].ValueString);
        Assert.Equal(["AGENT"], contact.Request.DisconnectOnCustomerExit!);
        Assert.Equal(App.Clock.GetUtcNow(), contact.InitiatedAt);
        Assert.Equal(App.Clock.GetUtcNow().AddMinutes(60), contact.ExpiresAt);
    }

    [Fact]
    public async Task StartChatContact_WithoutChatDuration_LastsTwentyFiveHours()
    {
        var response = await Client.StartChatAsync(Requests.Minimal().ToJsonString());

        var contact = App.Store.Find(Guid.Parse(AwsAssert.Started(response).ContactId))!;
        Assert.Equal(TimeSpan.FromHours(25), contact.ExpiresAt - contact.InitiatedAt);
    }

    [Fact]
    public async Task Health_WhenReady_Returns200()
    {
        var response = await Client.SendAsync(HttpMethod.Get, "/health");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Healthy", response.Body);
    }
}
