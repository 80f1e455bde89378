using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Connect;

public sealed class GetContactAttributesTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task GetContactAttributes_OfAChatWithout_IsAnEmptyMap()
    {
        var started = await Client.StartContactAsync(Requests.Minimal());

        var response = await Client.SendAsync(HttpMethod.Get, $"/contact/attributes/{Requests.InstanceId}/{started}");

        Assert.Equal("""{"Attributes":{}}""", response.Body);
    }

    [Fact]
    public async Task GetContactAttributes_InitialContactIdOverItsLimit_NamesInitialContactId()
    {
        var response = await Client.SendAsync(HttpMethod.Get, $"/contact/attributes/{Requests.InstanceId}/{Requests.Text(257)}");

        Assert.Contains("at 'initialContactId' failed to satisfy constraint: Member must have length less than or equal to 256",
            AwsAssert.Error(response, HttpStatusCode.BadRequest, "InvalidRequestException"), StringComparison.Ordinal);
    }
}
