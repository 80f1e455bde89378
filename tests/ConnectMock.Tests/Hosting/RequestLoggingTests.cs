using ConnectMock.Tests.Infrastructure;
using Serilog.Events;

namespace ConnectMock.Tests.Hosting;

public sealed class RequestLoggingTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task EachRequest_IsOneLineWithOperationStatusRequestIdAndClientToken()
    {
        var response = await Client.StartChatAsync(Requests.Minimal(clientToken: "log-me").ToJsonString());

        var line = await App.Logs.WaitForRequestEventAsync(response.RequestId);
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Equal("\"StartChatContact\"", line.Properties["Operation"].ToString());
        Assert.Equal("200", line.Properties["StatusCode"].ToString());
        Assert.Equal("\"-\"", line.Properties["ErrorName"].ToString());
        Assert.Equal("\"log-me\"", line.Properties["ClientToken"].ToString());
        Assert.True(double.Parse(line.Properties["Elapsed"].ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.Single(App.Logs.RequestEvents, e => e.Properties["RequestId"].ToString() == $"\"{response.RequestId}\"");
    }

    [Fact]
    public async Task FailedRequest_IsLoggedWithItsStatusAndErrorName()
    {
        var response = await Client.StartChatAsync(Requests.Minimal(clientToken: "bad").With("ChatDurationInMinutes", 1).ToJsonString());

        var line = await App.Logs.WaitForRequestEventAsync(response.RequestId);
        Assert.Equal("400", line.Properties["StatusCode"].ToString());
        Assert.Equal("\"InvalidParameterException\"", line.Properties["ErrorName"].ToString());
        Assert.Equal("\"StartChatContact\"", line.Properties["Operation"].ToString());
        Assert.Equal("\"bad\"", line.Properties["ClientToken"].ToString());
        Assert.Equal(LogEventLevel.Information, line.Level);
    }

    [Fact]
    public async Task NoLogLine_EverContainsTheParticipantToken()
    {
        var tokens = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var response = await Client.StartChatAsync(Requests.Full(clientToken: "same").ToJsonString());
            tokens.Add(AwsAssert.Started(response).ParticipantToken);
            await App.Logs.WaitForRequestEventAsync(response.RequestId);
        }

        var everything = string.Join('\n', App.Logs.Events.Select(e => e.RenderMessage() + string.Join(' ', e.Properties.Values)));
        Assert.All(tokens.Distinct(), token => Assert.DoesNotContain(token, everything, StringComparison.Ordinal));
    }
}
