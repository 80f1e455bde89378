using System.Net;
using System.Text.Json;
using ConnectMock.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace ConnectMock.Tests.Hosting;

public sealed class RequestLoggingTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    private const string ForgingToken = "x\n[00:00:00.000 ERR] forged \u001b[31mRED\u009b2J\u2028next\u202Eright-to-left\r";

    [Fact]
    public async Task TextLog_ControlCharactersFromTheClient_StayOnTheirRequestsLineEscaped()
    {
        await using var process = AppProcess.Start();
        Assert.True(await process.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60)), string.Join('\n', process.Output));
        using var client = new HttpClient { BaseAddress = process.BaseAddress };

        var token = await client.StartChatAsync(Requests.Minimal(clientToken: ForgingToken).ToJsonString());
        var path = await client.GetAsync("/forged%0D%0A[00:00:00.000%20ERR]%20forged-path%1B]0;title%07", TestContext.Current.CancellationToken);
        var pathRequestId = path.Headers.GetValues("x-amzn-RequestId").Single();

        var tokenLine = await process.WaitForOutputAsync(l => l.Contains(token.RequestId, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var pathLine = await process.WaitForOutputAsync(l => l.Contains(pathRequestId, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, token.Status);
        Assert.Equal(2, process.Output.Count(l => l.Contains("forged", StringComparison.Ordinal)));
        Assert.NotNull(tokenLine);
        Assert.Contains(@"ClientToken x\n[00:00:00.000 ERR] forged \u001b[31mRED\u009b2J\u2028next\u202eright-to-left\r)", tokenLine, StringComparison.Ordinal);
        Assert.NotNull(pathLine);
        Assert.Contains(@"/forged\r\n[00:00:00.000 ERR] forged-path\u001b]0;title\u0007 responded 404", pathLine, StringComparison.Ordinal);
        Assert.DoesNotContain(process.Output, l => l.Any(c => char.IsControl(c) || c is '\u2028' or '\u202e'));
    }

    [Fact]
    public async Task JsonLog_ControlCharactersFromTheClient_AreJsonEscapedOnOneLine()
    {
        await using var process = AppProcess.Start(new Dictionary<string, string> { ["ConnectMock__Logging__Format"] = "Json" });
        Assert.True(await process.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60)), string.Join('\n', process.Output));
        using var client = new HttpClient { BaseAddress = process.BaseAddress };

        var response = await client.StartChatAsync(Requests.Minimal(clientToken: ForgingToken).ToJsonString());

        var line = await process.WaitForOutputAsync(l => l.Contains(response.RequestId, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.NotNull(line);
        Assert.Single(process.Output, l => l.Contains("forged", StringComparison.Ordinal));
        Assert.DoesNotContain(process.Output, l => l.Any(c => char.IsControl(c) || c is '\u2028' or '\u202e'));
        using var log = JsonDocument.Parse(line);
        Assert.Equal(ForgingToken, log.RootElement.GetProperty("ClientToken").GetString());
    }

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
    public async Task NoLogLine_EverContainsAParticipantConnectionOrWebSocketToken()
    {
        var secrets = new List<string>();
        var participantCalls = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var chat = await (await NewChat().StartAsync(Requests.Full(clientToken: $"log-{i}"))).ConnectAsync();
            await using var socket = await chat.OpenSocketAsync();
            await chat.SendMessageAsync($"hello {i}");
            await chat.CallAsync("/participant/connection", """{"Type":["WEBSOCKET"]}""", chat.ParticipantToken);
            secrets.Add(chat.ParticipantToken);
            secrets.Add(chat.ConnectionToken);
            secrets.Add(Uri.UnescapeDataString(chat.WebSocketUrl[(chat.WebSocketUrl.IndexOf("token=", StringComparison.Ordinal) + 6)..]));
            participantCalls.AddRange(chat.ParticipantRequestIds);
        }

        // The lines of the calls that carried the tokens (connect, message, reconnect): written after the response.
        var lines = new List<LogEvent>();
        foreach (var requestId in participantCalls)
        {
            lines.Add(await App.Logs.WaitForRequestEventAsync(requestId));
        }

        Assert.Equal(9, lines.Count);
        Assert.Equal(6, lines.Count(l => l.Properties["Operation"].ToString() == "\"CreateParticipantConnection\""));
        Assert.Equal(3, lines.Count(l => l.Properties["Operation"].ToString() == "\"SendMessage\""));
        var everything = string.Join('\n', App.Logs.Events.Select(e => e.RenderMessage() + string.Join(' ', e.Properties.Values)));
        Assert.Equal(9, secrets.Distinct().Count());
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, everything, StringComparison.Ordinal));
        Assert.Contains("log-2", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnceStarted_HostingMakesNoActivityOrScopePerRequest()
    {
        // ASP.NET Core's hosting makes both whenever its diagnostics logger answers IsEnabled(Critical) with true.
        var response = await Client.StartChatAsync(Requests.Minimal(clientToken: "no-scope").ToJsonString());
        var hosting = App.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");

        Assert.False(hosting.IsEnabled(LogLevel.Critical));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
        Assert.Equal("\"no-scope\"", (await App.Logs.WaitForRequestEventAsync(response.RequestId)).Properties["ClientToken"].ToString());
    }
}
