using System.Net;
using ConnectMock.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Primitives;

namespace ConnectMock.Tests.ControlPlane;

/// <summary>
/// The operation names that journal filters and faults are checked against come from the routes once, not from a
/// walk over every endpoint on each read of the journal and each fault checked.
/// </summary>
public sealed class JournalOperationNamesTests(JournalOperationNamesTests.CountingApp app) : ConnectMockTest<JournalOperationNamesTests.CountingApp>(app)
{
    /// <summary>The app with its endpoint list counting how often it is read.</summary>
    public sealed class CountingApp : ConnectMockFactory
    {
        private CountingEndpoints? _endpoints;

        public int EndpointReads => _endpoints?.Reads ?? 0;

        protected override void ConfigureServices(IServiceCollection services)
        {
            var original = services.Last(d => d.ServiceType == typeof(EndpointDataSource));
            services.Replace(ServiceDescriptor.Singleton<EndpointDataSource>(s => _endpoints = new CountingEndpoints(
                original.ImplementationFactory?.Invoke(s) as EndpointDataSource
                ?? original.ImplementationInstance as EndpointDataSource
                ?? (EndpointDataSource)ActivatorUtilities.CreateInstance(s, original.ImplementationType!))));
        }
    }

    private sealed class CountingEndpoints(EndpointDataSource inner) : EndpointDataSource
    {
        private int _reads;

        public int Reads => _reads;

        public override IReadOnlyList<Endpoint> Endpoints
        {
            get
            {
                Interlocked.Increment(ref _reads);
                return inner.Endpoints;
            }
        }

        public override IChangeToken GetChangeToken() => inner.GetChangeToken();
    }

    [Fact]
    public async Task ReadingTheJournalAndCheckingFaults_DoNotWalkTheEndpointsEachTime()
    {
        await UseOperationNamesAsync();
        var readsAfterFirstUse = App.EndpointReads;

        for (var i = 0; i < 5; i++)
        {
            await UseOperationNamesAsync();
        }

        Assert.Equal(readsAfterFirstUse, App.EndpointReads);
    }

    [Fact]
    public async Task UnknownOperation_IsStillRefusedWithTheNamesThatExist()
    {
        var journal = await Client.ControlAsync(HttpMethod.Get, "/requests?operation=StartChat");
        var fault = await Client.ControlAsync(HttpMethod.Post, "/faults", """{"operation":"StartChat","error":"ThrottlingException"}""");

        Assert.Equal(HttpStatusCode.BadRequest, journal.Status);
        Assert.Contains("StartChatContact", journal.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, fault.Status);
        Assert.Contains("StartChatContact", fault.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private async Task UseOperationNamesAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.ControlAsync(HttpMethod.Get, "/requests?operation=StartChatContact")).Status);
        Assert.Equal(HttpStatusCode.Created, (await Client.ControlAsync(HttpMethod.Post, "/faults", """{"operation":"StartChatContact","latencyMs":1}""")).Status);
    }
}
