using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Connect;

public sealed class StopContactTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task StopContact_EndsTheChat_AndIsIdempotent()
    {
        var started = await Client.StartContactAsync(Requests.Minimal());

        var first = await Client.SendAsync(HttpMethod.Post, "/contact/stop", Wire.Json($$"""{"ContactId":"{{started}}","InstanceId":"{{Requests.InstanceId}}"}"""));
        var stoppedAt = App.Clock.GetUtcNow();
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Client.SendAsync(HttpMethod.Post, "/contact/stop", Wire.Json($$"""{"ContactId":"{{started}}","InstanceId":"{{Requests.InstanceId}}"}"""));
        var contact = (await Client.SendAsync(HttpMethod.Get, $"/contacts/{Requests.InstanceId}/{started}")).Json.GetProperty("Contact");

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
        var response = await Client.SendAsync(HttpMethod.Post, "/contact/stop", Wire.Json($$"""{"ContactId":"{{Guid.NewGuid()}}","InstanceId":"{{Requests.InstanceId}}"}"""));

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
        var started = await Client.StartContactAsync(Requests.Minimal());

        var response = await Client.SendAsync(HttpMethod.Post, "/contact/stop",
            Wire.Json($$"""{"ContactId":"{{started}}","InstanceId":"{{Requests.InstanceId}}","DisconnectReason":{"Code":"x"} }"""));

        AwsAssert.InvalidRequest(response);
    }
}
