using System.Net;
using System.Net.Sockets;
using ConnectMock.Testing;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Testing;

/// <summary>The in-process server of the ConnectMock.Testing package, over real loopback sockets.</summary>
public sealed class ConnectMockServerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Starts_on_a_free_loopback_port_and_serves_the_AWS_api_and_health()
    {
        await using var mock = await ConnectMockServer.StartAsync(cancellationToken: Cancel);

        Assert.Equal("127.0.0.1", mock.Endpoint.Host);
        Assert.NotEqual(0, mock.Endpoint.Port);
        using var http = new HttpClient { BaseAddress = mock.Endpoint };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(HttpMethod.Get, "/health")).Status);
        var contactId = await http.StartContactAsync(Requests.Minimal("token-1"));
        var contact = await mock.ControlPlane.GetContactAsync(contactId, Cancel);
        Assert.Equal("token-1", contact.ClientToken);
        Assert.Equal("ACTIVE", contact.State);
    }

    [Fact]
    public async Task Two_servers_side_by_side_share_no_state()
    {
        await using var first = await ConnectMockServer.StartAsync(cancellationToken: Cancel);
        await using var second = await ConnectMockServer.StartAsync(cancellationToken: Cancel);
        Assert.NotEqual(first.Endpoint, second.Endpoint);

        using var http = new HttpClient { BaseAddress = first.Endpoint };
        var contactId = await http.StartContactAsync(Requests.Minimal("only-on-first"));
        await first.ControlPlane.AddFaultAsync(new FaultSpec(Operation: "StartChatContact", Error: "ThrottlingException"), Cancel);

        Assert.Equal(contactId, Assert.Single((await first.ControlPlane.ListContactsAsync(cancellationToken: Cancel)).Contacts).ContactId);
        Assert.Empty((await second.ControlPlane.ListContactsAsync(cancellationToken: Cancel)).Contacts);
        var missing = await Assert.ThrowsAsync<ConnectMockControlPlaneException>(() => second.ControlPlane.GetContactAsync(contactId, Cancel));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(1, await first.ControlPlane.CountCallsAsync("StartChatContact", "only-on-first", Cancel));
        Assert.Equal(0, await second.ControlPlane.CountCallsAsync("StartChatContact", cancellationToken: Cancel));
        Assert.Single(await first.ControlPlane.ListFaultsAsync(Cancel));
        Assert.Empty(await second.ControlPlane.ListFaultsAsync(Cancel));

        // The fault on the first does not throttle the second.
        using var secondHttp = new HttpClient { BaseAddress = second.Endpoint };
        Assert.Equal(HttpStatusCode.OK, (await secondHttp.StartChatAsync(Requests.Minimal().ToJsonString())).Status);
    }

    [Fact]
    public async Task Stopping_releases_the_port()
    {
        var mock = await ConnectMockServer.StartAsync(cancellationToken: Cancel);
        var port = mock.Endpoint.Port;
        await mock.DisposeAsync();

        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(mock.Endpoint, "/health"), Cancel));
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        listener.Stop();

        await using var again = await ConnectMockServer.StartAsync(new ConnectMockServerOptions { Port = port }, Cancel);
        Assert.Equal(port, again.Endpoint.Port);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(again.Endpoint, "/health"), Cancel)).StatusCode);
    }

    [Fact]
    public async Task Settings_in_code_configure_the_server()
    {
        var options = new ConnectMockServerOptions()
            .With(ConnectMockSettings.ControlPlaneApiKey, "secret-key")
            .With(ConnectMockSettings.JournalCapacity, "0")
            .WithInstance(Requests.InstanceId, ["aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"], maxConcurrentActiveChats: 1);
        await using var mock = await ConnectMockServer.StartAsync(options, Cancel);

        using var http = new HttpClient { BaseAddress = mock.Endpoint };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(HttpMethod.Get, "/_connectmock/instances")).Status);
        var instance = Assert.Single((await mock.ControlPlane.ListInstancesAsync(Cancel)).Instances);
        Assert.Equal(1, instance.MaxConcurrentActiveChats);

        await http.StartContactAsync(Requests.Minimal());
        var overQuota = await http.StartChatAsync(Requests.Minimal().ToJsonString());
        AwsAssert.Error(overQuota, HttpStatusCode.TooManyRequests, "LimitExceededException");
        Assert.Empty((await mock.ControlPlane.ListRequestsAsync(cancellationToken: Cancel)).Requests);
    }

    [Fact]
    public async Task A_bad_setting_fails_the_start_naming_the_key()
    {
        var options = new ConnectMockServerOptions().With(ConnectMockSettings.StoreMaxContacts, "lots");

        var failure = await Assert.ThrowsAsync<ConnectMockConfigurationException>(() => ConnectMockServer.StartAsync(options, Cancel));

        Assert.Contains("ConnectMock:Store:MaxContacts", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'lots'", failure.Message, StringComparison.Ordinal);
    }
}
