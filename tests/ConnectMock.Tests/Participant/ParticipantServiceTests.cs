using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant;

public sealed class ParticipantServiceTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task ParticipantCalls_WithoutBearer_AreValidationErrorsNamingTheMember()
    {
        var response = await NewChat().CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"x"}""");

        Assert.Equal(
            "1 validation error detected: Value null at 'connectionToken' failed to satisfy constraint: Member must not be null",
            AwsAssert.Error(response, HttpStatusCode.BadRequest, "ValidationException"));
    }

    [Fact]
    public async Task ConnectionTokens_StopWorkingAfterADay()
    {
        var chat = await (await NewChat().StartAsync(Requests.Minimal().With("ChatDurationInMinutes", 10_080))).ConnectAsync();

        App.Clock.Advance(TimeSpan.FromDays(1));

        AwsAssert.Error(await chat.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"x"}"""), HttpStatusCode.Forbidden, "AccessDeniedException");
        await chat.ConnectAsync();
        await chat.SendMessageAsync("a new connection token works");
    }

    [Fact]
    public async Task ParticipantCalls_AfterTheChatDuration_AreAccessDenied()
    {
        var chat = await (await NewChat().StartAsync(Requests.Minimal().With("ChatDurationInMinutes", 60))).ConnectAsync();

        App.Clock.Advance(TimeSpan.FromMinutes(60));

        AwsAssert.Error(await chat.CallAsync("/participant/connection", """{"Type":["WEBSOCKET"]}""", chat.ParticipantToken), HttpStatusCode.Forbidden, "AccessDeniedException");
        Assert.Contains(await Client.ControlTranscriptAsync(chat.ContactId), i => i.GetProperty("ContentType").GetString() == "application/vnd.amazonaws.connect.event.chat.ended");
    }

    [Fact]
    public async Task ParticipantOperations_AreJournaledAndTakeFaults()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await Client.ControlAsync(HttpMethod.Post, "/faults", """{"operation":"SendMessage","error":"ThrottlingException","count":1}""");

        var throttled = await chat.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"x"}""");
        var entry = (await Client.ControlAsync(HttpMethod.Get, "/requests?operation=SendMessage")).Json.GetProperty("requests")[0];

        AwsAssert.Error(throttled, HttpStatusCode.TooManyRequests, "ThrottlingException");
        Assert.Equal(throttled.RequestId, entry.GetProperty("requestId").GetString());
        Assert.Equal("/participant/message", entry.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Cors_PreflightFromAnotherOrigin_AllowsTheSdkHeadersAndExposesTheErrorHeaders()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/participant/connection");
        preflight.Headers.Add("Origin", "http://127.0.0.1:3000");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-amz-bearer,x-amz-content-sha256,x-amz-date,x-amz-user-agent");
        using var answer = await Client.SendAsync(preflight, TestContext.Current.CancellationToken);

        using var actual = new HttpRequestMessage(HttpMethod.Post, "/participant/message") { Content = Wire.Json("{}") };
        actual.Headers.Add("Origin", "http://127.0.0.1:3000");
        using var error = await Client.SendAsync(actual, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-amz-bearer", answer.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("x-amzn-ErrorType", error.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("x-amzn-RequestId", error.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/_connectmock/contacts")]
    [InlineData("/contact/chat")]
    public async Task Cors_OnlyTheParticipantServiceAllowsOtherOrigins(string path)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", "http://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var answer = await Client.SendAsync(preflight, TestContext.Current.CancellationToken);

        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"), $"{path} allowed a page of another origin");
    }
}
