using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Connect;

public sealed class DescribeContactTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task DescribeContact_ShowsAChatStartedThroughTheApi()
    {
        var started = await Client.StartContactAsync(Requests.Full(clientToken: "describe"));

        var response = await Client.SendAsync(HttpMethod.Get, $"/contacts/{Requests.InstanceId}/{started}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var contact = response.Json.GetProperty("Contact");
        Assert.Equal($"arn:aws:connect:us-east-1:000000000000:instance/{Requests.InstanceId}/contact/{started}", contact.GetProperty("Arn").GetString());
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
        var chat = await (await NewChat().StartAsync(Requests.Minimal().With("ChatDurationInMinutes", 60))).ConnectAsync();
        var expiry = App.Clock.GetUtcNow().AddMinutes(60);

        App.Clock.Advance(TimeSpan.FromHours(2));
        var contact = (await Client.SendAsync(HttpMethod.Get, $"/contacts/{Requests.InstanceId}/{chat.ContactId}")).Json.GetProperty("Contact");

        Assert.Equal(expiry.ToUnixTimeMilliseconds() / 1000m, contact.GetProperty("DisconnectTimestamp").GetDecimal());
        Assert.Equal("EXPIRED", contact.GetProperty("DisconnectReason").GetString());
    }

    [Fact]
    public async Task DescribeContact_CustomerNeverConnected_EndedFiveMinutesAfterItsStart()
    {
        var started = await Client.StartContactAsync(Requests.Minimal());
        var deadline = App.Clock.GetUtcNow().AddMinutes(5);

        App.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var before = (await Client.SendAsync(HttpMethod.Get, $"/contacts/{Requests.InstanceId}/{started}")).Json.GetProperty("Contact");
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = (await Client.SendAsync(HttpMethod.Get, $"/contacts/{Requests.InstanceId}/{started}")).Json.GetProperty("Contact");

        Assert.False(before.TryGetProperty("DisconnectTimestamp", out _));
        Assert.Equal(deadline.ToUnixTimeMilliseconds() / 1000m, after.GetProperty("DisconnectTimestamp").GetDecimal());
        Assert.Equal("CUSTOMER_CONNECTION_NOT_ESTABLISHED", after.GetProperty("DisconnectReason").GetString());
    }

    [Theory]
    [InlineData(Requests.InstanceId, "00000000-0000-0000-0000-000000000000")]
    [InlineData(Requests.InstanceId, "not-a-contact")]
    [InlineData("another-instance", null)]
    public async Task DescribeContact_UnknownOrOfAnotherInstance_IsResourceNotFound(string instance, string? contactId)
    {
        var started = await Client.StartContactAsync(Requests.Minimal());

        var response = await Client.SendAsync(HttpMethod.Get, $"/contacts/{instance}/{contactId ?? started}");

        Assert.Equal("Contact not found.", AwsAssert.Error(response, HttpStatusCode.NotFound, "ResourceNotFoundException"));
    }

    [Fact]
    public async Task DescribeContact_InstanceIdOverItsLimit_IsInvalidParameter()
    {
        var response = await Client.SendAsync(HttpMethod.Get, $"/contacts/{Requests.Text(101)}/c");

        Assert.Contains("at 'instanceId' failed to satisfy constraint: Member must have length less than or equal to 100", AwsAssert.InvalidParameter(response), StringComparison.Ordinal);
    }
}
