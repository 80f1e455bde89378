using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Connect;

public sealed class UpdateContactAttributesTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task ContactAttributes_AreTheStartsWithUpdatesMergedIn()
    {
        var started = await Client.StartContactAsync(Requests.Minimal().With("Attributes", new System.Text.Json.Nodes.JsonObject { ["a"] = "1", ["b"] = "2" }));

        var update = await Client.SendAsync(HttpMethod.Post, "/contact/attributes",
            Wire.Json($$"""{"InitialContactId":"{{started}}","InstanceId":"{{Requests.InstanceId}}","Attributes":{"b":"changed","c":"3"} }"""));
        var attributes = (await Client.SendAsync(HttpMethod.Get, $"/contact/attributes/{Requests.InstanceId}/{started}")).Json.GetProperty("Attributes");

        Assert.Equal(HttpStatusCode.OK, update.Status);
        Assert.Equal("{}", update.Body);
        Assert.Equal(["a", "b", "c"], attributes.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("1", attributes.GetProperty("a").GetString());
        Assert.Equal("changed", attributes.GetProperty("b").GetString());
        Assert.Equal("3", attributes.GetProperty("c").GetString());
    }

    [Fact]
    public async Task UpdateContactAttributes_OverTheTotalOnceMerged_IsInvalidParameterAndChangesNothing()
    {
        var started = await Client.StartContactAsync(Requests.Minimal().With("Attributes", new System.Text.Json.Nodes.JsonObject { ["a"] = Requests.Text(20_000) }));

        var response = await Client.SendAsync(HttpMethod.Post, "/contact/attributes",
            Wire.Json($$"""{"InitialContactId":"{{started}}","InstanceId":"{{Requests.InstanceId}}","Attributes":{"b":"{{Requests.Text(20_000)}}"} }"""));

        Assert.Contains("at most 32768 are allowed per contact", AwsAssert.InvalidParameter(response), StringComparison.Ordinal);
        Assert.Single((await Client.SendAsync(HttpMethod.Get, $"/contact/attributes/{Requests.InstanceId}/{started}")).Json.GetProperty("Attributes").EnumerateObject());
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
            Wire.Json($$"""{"InitialContactId":"{{Guid.NewGuid()}}","InstanceId":"{{Requests.InstanceId}}","Attributes":{"a":"1"} }"""));

        AwsAssert.Error(response, HttpStatusCode.NotFound, "ResourceNotFoundException");
    }
}
