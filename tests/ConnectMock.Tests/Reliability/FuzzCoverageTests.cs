using ConnectMock.Aws;
using ConnectMock.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectMock.Tests.Reliability;

public sealed class FuzzCoverageTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public void FuzzTargets_AreEveryAwsOperationTheAppMaps()
    {
        var mapped = App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(endpoint => endpoint.Metadata.GetMetadata<AwsOperation>()?.Name)
            .OfType<string>()
            .Where(name => name != "Unknown")
            .Order(StringComparer.Ordinal);

        Assert.Equal(mapped, FuzzTarget.All.Select(target => target.Operation).Order(StringComparer.Ordinal));
    }
}
