using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Connect;

public sealed class ContactOperationsTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    private const string Instance = "11111111-2222-3333-4444-555555555555";

    [Fact]
    public async Task DescribeContact_ShowsAChatStartedThroughTheApi()
    {
        var started = await StartAsync(Requests.Full(clientToken: "describe"));

        var response = await Client.SendAsync(HttpMethod.Get, $"/contacts/{Instance}/{started}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var contact = response.Json.GetProperty("Contact");
        Assert.Equal($"arn:aws:connect:us-east-1:000000000000:instance/{Instance}/contact/{started}", contact.GetProperty("Arn").GetString());
        Assert.Equal(started, contact.GetProperty("Id").GetString());
        Assert.Equal(started, contact.GetProperty("InitialContactId").GetString());
        Assert.Equal("API", contact.GetProperty("InitiationMethod").GetString());
        Assert.Equal("CHAT", contact.GetProperty("Channel").GetString());
        Assert.Equal(App.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000m, contact.GetProperty("InitiationTimestamp").GetDecimal());
        Assert.False(contact.TryGetProperty("DisconnectTimestamp", out _));
        Assert.Equal("d88ac802-4fa8-4ddd-9e59-89ac2e378879", contact.GetProperty("RelatedContactId").GetString());
        Assert.Equal("CRM-000123", contact.GetProperty("CustomerId").GetString());
        Assert.Equal("gold", contact.GetProperty("Attributes").GetProperty("customer_tier").GetString());
        Assert.Equal("connect:Guide", contact.GetProperty("SegmentAttributes").GetProperty("connect:Subtype").GetProperty("ValueString").GetString());
    }

    [Fact]
    public async Task DescribeContact_PastItsDuration_HasEndedAtItsExpiry()
    {
        var started = await StartAsync(Requests.Minimal().With("ChatDurationInMinutes", 60));
        var expiry = App.Clock.GetUtcNow().AddMinutes(60);

        App.Clock.Advance(TimeSpan.FromHours(2));
        var contact = (await Client.SendAsync(HttpMethod.Get, $"/contacts/{Instance}/{started}")).Json.GetProperty("Contact");

        Assert.Equal(expiry.ToUnixTimeMilliseconds() / 1000m, contact.GetProperty("DisconnectTimestamp").GetDecimal());
        Assert.Equal("EXPIRED", contact.GetProperty("DisconnectReason").GetString());
    }

    [Theory]
    [InlineData(Instance, "00000000-0000-0000-0000-000000000000")]
    [InlineData(Instance, "not-a-contact")]
    [InlineData("another-instance", null)]
    public async Task DescribeContact_UnknownOrOfAnotherInstance_IsResourceNotFound(string instance, string? contactId)
    {
        var started = await StartAsync(Requests.Minimal());

        var response = await Client.SendAsync(HttpMethod.Get, $"/contacts/{instance}/{contactId ?? started}");

        Assert.Equal("Contact not found.", AwsAssert.Error(response, HttpStatusCode.NotFound, "ResourceNotFoundException"));
    }

    [Fact]
    public async Task DescribeContact_InstanceIdOverItsLimit_IsInvalidParameter()
    {
        var response = await Client.SendAsync(HttpMethod.Get, $"/contacts/{Requests.Text(101)}/c");

        Assert.Contains("at 'instanceId' failed to satisfy constraint: Member must have length less than or equal to 100", AwsAssert.InvalidParameter(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopContact_EndsTheChat_AndIsIdempotent()
    {
        var started = await StartAsync(Requests.Minimal());

        var first = await Client.SendAsync(HttpMethod.Post, "/contact/stop", Wire.Json($$"""{"ContactId":"{{started}}","InstanceId":"{{Instance}}"}"""));
        var stoppedAt = App.Clock.GetUtcNow();
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Client.SendAsync(HttpMethod.Post, "/contact/stop", Wire.Json($$"""{"ContactId":"{{started}}","InstanceId":"{{Instance}}"}"""));
        var contact = (await Client.SendAsync(HttpMethod.Get, $"/contacts/{Instance}/{started}")).Json.GetProperty("Contact");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("{}", first.Body);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(stoppedAt.ToUnixTimeMilliseconds() / 1000m, contact.GetProperty("DisconnectTimestamp").GetDecimal());
        Assert.Equal("API", contact.GetProperty("DisconnectReason").GetString());
        Assert.Equal("ENDED", (await Client.ControlAsync(HttpMethod.Get, $"/contacts/{started}")).Json.GetProperty("state").GetString());
    }

    [Fact]
    public async Task StopContact_UnknownChat_IsResourceNotFound()
    {
        // ContactNotFoundException "applies to voice calls only, not to chat or task contacts" (Connect API docs).
        var response = await Client.SendAsync(HttpMethod.Post, "/contact/stop", Wire.Json($$"""{"ContactId":"{{Guid.NewGuid()}}","InstanceId":"{{Instance}}"}"""));

        Assert.Equal("Contact not found.", AwsAssert.Error(response, HttpStatusCode.NotFound, "ResourceNotFoundException"));
    }

    [Theory]
    [InlineData("""{"InstanceId":"i"}""", "Value null at 'contactId' failed to satisfy constraint: Member must not be null")]
    [InlineData("""{"ContactId":"c"}""", "Value null at 'instanceId' failed to satisfy constraint: Member must not be null")]
    public async Task StopContact_MissingMember_IsInvalidParameter(string body, string clause)
    {
        var message = AwsAssert.InvalidParameter(await Client.SendAsync(HttpMethod.Post, "/contact/stop", Wire.Json(body)));

        Assert.Equal("1 validation error detected: " + clause, message);
    }

    [Fact]
    public async Task StopContact_WithADisconnectReason_IsAnInvalidRequestForAChat()
    {
        var started = await StartAsync(Requests.Minimal());

        var response = await Client.SendAsync(HttpMethod.Post, "/contact/stop",
            Wire.Json($$"""{"ContactId":"{{started}}","InstanceId":"{{Instance}}","DisconnectReason":{"Code":"x"} }"""));

        AwsAssert.InvalidRequest(response);
    }

    [Fact]
    public async Task ContactAttributes_AreTheStartsWithUpdatesMergedIn()
    {
        var started = await StartAsync(Requests.Minimal().With("Attributes", new System.Text.Json.Nodes.JsonObject { ["a"] = "1", ["b"] = "2" }));

        var update = await Client.SendAsync(HttpMethod.Post, "/contact/attributes",
            Wire.Json($$"""{"InitialContactId":"{{started}}","InstanceId":"{{Instance}}","Attributes":{"b":"changed","c":"3"} }"""));
        var attributes = (await Client.SendAsync(HttpMethod.Get, $"/contact/attributes/{Instance}/{started}")).Json.GetProperty("Attributes");

        Assert.Equal(HttpStatusCode.OK, update.Status);
        Assert.Equal("{}", update.Body);
        Assert.Equal(["a", "b", "c"], attributes.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("1", attributes.GetProperty("a").GetString());
        Assert.Equal("changed", attributes.GetProperty("b").GetString());
        Assert.Equal("3", attributes.GetProperty("c").GetString());
    }

    [Fact]
    public async Task GetContactAttributes_OfAChatWithout_IsAnEmptyMap()
    {
        var started = await StartAsync(Requests.Minimal());

        var response = await Client.SendAsync(HttpMethod.Get, $"/contact/attributes/{Instance}/{started}");

        Assert.Equal("""{"Attributes":{}}""", response.Body);
    }

    [Fact]
    public async Task GetContactAttributes_InitialContactIdOverItsLimit_NamesInitialContactId()
    {
        var response = await Client.SendAsync(HttpMethod.Get, $"/contact/attributes/{Instance}/{Requests.Text(257)}");

        Assert.Contains("at 'initialContactId' failed to satisfy constraint: Member must have length less than or equal to 256",
            AwsAssert.Error(response, HttpStatusCode.BadRequest, "InvalidRequestException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateContactAttributes_OverTheTotalOnceMerged_IsInvalidParameterAndChangesNothing()
    {
        var started = await StartAsync(Requests.Minimal().With("Attributes", new System.Text.Json.Nodes.JsonObject { ["a"] = Requests.Text(20_000) }));

        var response = await Client.SendAsync(HttpMethod.Post, "/contact/attributes",
            Wire.Json($$"""{"InitialContactId":"{{started}}","InstanceId":"{{Instance}}","Attributes":{"b":"{{Requests.Text(20_000)}}"} }"""));

        Assert.Contains("at most 32768 are allowed per contact", AwsAssert.InvalidParameter(response), StringComparison.Ordinal);
        Assert.Single((await Client.SendAsync(HttpMethod.Get, $"/contact/attributes/{Instance}/{started}")).Json.GetProperty("Attributes").EnumerateObject());
    }

    [Theory]
    [InlineData("""{"InitialContactId":"c","InstanceId":"i"}""", "Value null at 'attributes' failed to satisfy constraint: Member must not be null")]
    [InlineData("""{"InitialContactId":"c","InstanceId":"i","Attributes":{"a b":"v"}}""", "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+]")]
    public async Task UpdateContactAttributes_Invalid_IsInvalidParameter(string body, string clause)
    {
        var message = AwsAssert.InvalidParameter(await Client.SendAsync(HttpMethod.Post, "/contact/attributes", Wire.Json(body)));

        Assert.Contains(clause, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateContactAttributes_UnknownContact_IsResourceNotFound()
    {
        var response = await Client.SendAsync(HttpMethod.Post, "/contact/attributes",
            Wire.Json($$"""{"InitialContactId":"{{Guid.NewGuid()}}","InstanceId":"{{Instance}}","Attributes":{"a":"1"} }"""));

        AwsAssert.Error(response, HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    private async Task<string> StartAsync(System.Text.Json.Nodes.JsonObject body) =>
        AwsAssert.Started(await Client.StartChatAsync(body.ToJsonString())).ContactId;
}
