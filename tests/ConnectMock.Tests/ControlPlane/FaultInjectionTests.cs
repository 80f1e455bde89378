using System.Diagnostics;
using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.ControlPlane;

public sealed class FaultInjectionTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    public static TheoryData<string, HttpStatusCode, string> Errors() => new()
    {
        { "ThrottlingException", HttpStatusCode.TooManyRequests, "Rate exceeded" },
        { "TooManyRequestsException", HttpStatusCode.TooManyRequests, "Rate exceeded" },
        { "LimitExceededException", HttpStatusCode.TooManyRequests, "The quota for concurrent active chats has been exceeded." },
        { "InternalServiceException", HttpStatusCode.InternalServerError, "Request processing failed because of an error or failure with the service." },
        { "ResourceNotFoundException", HttpStatusCode.NotFound, "Resource not found of Type: null" },
        { "InvalidRequestException", HttpStatusCode.BadRequest, "The request is not valid." },
        { "AccessDeniedException", HttpStatusCode.Forbidden, "You do not have sufficient access to perform this action." },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Fault_NextCallsFailWithTheErrorEncodedLikeAws(string error, HttpStatusCode status, string message)
    {
        var added = await AddFaultAsync($$"""{"operation":"StartChatContact","error":"{{error}}","count":2}""");

        var first = await Client.StartChatAsync(Requests.Minimal().ToJsonString());
        var second = await Client.StartChatAsync(Requests.Minimal().ToJsonString());
        var third = await Client.StartChatAsync(Requests.Minimal().ToJsonString());

        Assert.Equal(HttpStatusCode.Created, added.Status);
        Assert.Equal(message, AwsAssert.Error(first, status, error));
        Assert.Equal(message, AwsAssert.Error(second, status, error));
        AwsAssert.Started(third);
        Assert.Equal(1, App.Store.Count);
        Assert.Empty(App.Faults.Rules);
    }

    [Fact]
    public async Task Fault_WithACustomMessageAndUnmodeledError_UsesThem()
    {
        await AddFaultAsync("""{"error":"ServiceUnavailableException","statusCode":503,"message":"Try later","count":1}""");

        var response = await Client.StartChatAsync(Requests.Minimal().ToJsonString());

        Assert.Equal("Try later", AwsAssert.Error(response, HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException"));
    }

    [Fact]
    public async Task Fault_ForOneInstance_LeavesOtherInstancesAlone()
    {
        await AddFaultAsync("""{"instanceId":"throttled","error":"ThrottlingException"}""");

        var other = await Client.StartChatAsync(Requests.Minimal().ToJsonString());
        var throttled = await Client.StartChatAsync(Requests.Minimal().With("InstanceId", "throttled").ToJsonString());

        AwsAssert.Started(other);
        AwsAssert.Error(throttled, HttpStatusCode.TooManyRequests, "ThrottlingException");
    }

    [Fact]
    public async Task Fault_ForAnotherOperation_DoesNotApply()
    {
        await AddFaultAsync("""{"operation":"StopContact","error":"ThrottlingException"}""");

        AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().ToJsonString()));
    }

    [Fact]
    public async Task Fault_AppliesBeforeValidation_AsAwsThrottlesFirst()
    {
        await AddFaultAsync("""{"error":"ThrottlingException","count":1}""");

        var response = await Client.StartChatAsync(Requests.Minimal().With("ChatDurationInMinutes", 1).ToJsonString());

        AwsAssert.Error(response, HttpStatusCode.TooManyRequests, "ThrottlingException");
    }

    [Fact]
    public async Task Fault_NeverAppliesToTheControlPlane()
    {
        await AddFaultAsync("""{"error":"InternalServiceException"}""");
        await AddFaultAsync("""{"dropConnection":"BeforeProcessing"}""");

        Assert.Equal(HttpStatusCode.OK, (await Client.ControlAsync(HttpMethod.Get, "/contacts")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Client.ControlAsync(HttpMethod.Get, "/faults")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(HttpMethod.Get, "/health")).Status);
    }

    [Fact]
    public async Task Fault_WithProbabilityZero_NeverFires_AndOne_AlwaysFires()
    {
        await AddFaultAsync("""{"error":"ThrottlingException","probability":0}""");
        for (var i = 0; i < 20; i++)
        {
            AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().ToJsonString()));
        }

        await AddFaultAsync("""{"error":"InternalServiceException","probability":1}""");
        for (var i = 0; i < 20; i++)
        {
            AwsAssert.Error(await Client.StartChatAsync(Requests.Minimal().ToJsonString()), HttpStatusCode.InternalServerError, "InternalServiceException");
        }
    }

    [Fact]
    public async Task Fault_WithProbabilityOneHalf_FiresForAboutHalfTheCalls()
    {
        await AddFaultAsync("""{"error":"InternalServiceException","probability":0.5}""");

        var failed = 0;
        for (var i = 0; i < 400; i++)
        {
            failed += (await Client.StartChatAsync(Requests.Minimal().ToJsonString())).Status == HttpStatusCode.InternalServerError ? 1 : 0;
        }

        // Binomial(400, 0.5): mean 200, standard deviation 10; 6 deviations either way.
        Assert.InRange(failed, 140, 260);
    }

    [Fact]
    public async Task Fault_WithLatency_DelaysTheAnswer()
    {
        await AddFaultAsync("""{"latencyMs":300,"count":1}""");

        var watch = Stopwatch.StartNew();
        var response = await Client.StartChatAsync(Requests.Minimal().ToJsonString());
        var delayed = watch.Elapsed;
        watch.Restart();
        await Client.StartChatAsync(Requests.Minimal().ToJsonString());

        AwsAssert.Started(response);
        Assert.True(delayed >= TimeSpan.FromMilliseconds(300), $"answered after {delayed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Fault_DropBeforeProcessing_ClosesTheConnectionAndCreatesNothing()
    {
        await AddFaultAsync("""{"dropConnection":"BeforeProcessing","count":1}""");

        await Assert.ThrowsAnyAsync<Exception>(() => Client.StartChatAsync(Requests.Minimal(clientToken: "dropped").ToJsonString()));

        Assert.Equal(0, App.Store.Count);
        var entry = (await Client.ControlAsync(HttpMethod.Get, "/requests")).Json.GetProperty("requests")[0];
        Assert.True(entry.GetProperty("connectionDropped").GetBoolean());
    }

    [Fact]
    public async Task Fault_DropAfterProcessing_ClosesTheConnectionAfterCreatingTheContact()
    {
        await AddFaultAsync("""{"operation":"StartChatContact","dropConnection":"AfterProcessing","count":1}""");

        await Assert.ThrowsAnyAsync<Exception>(() => Client.StartChatAsync(Requests.Minimal(clientToken: "retry-me").ToJsonString()));
        var retry = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "retry-me").ToJsonString()));

        Assert.Equal(1, App.Store.Count);
        Assert.Equal(retry.ContactId, App.Store.Query(new(), c => c.ContactId).Single().ToString());
    }

    [Fact]
    public async Task Fault_CountersStayExactUnderFiftyParallelCalls()
    {
        await AddFaultAsync("""{"error":"ThrottlingException","count":10}""");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Client.StartChatAsync(Requests.Minimal(clientToken: $"parallel-{i}").ToJsonString())));

        Assert.Equal(10, responses.Count(r => r.Status == HttpStatusCode.TooManyRequests));
        Assert.Equal(40, responses.Count(r => r.Status == HttpStatusCode.OK));
        Assert.Equal(40, App.Store.Count);
    }

    [Fact]
    public async Task Faults_AreListedWithRemainingAndFiredCounts_AndCanBeRemoved()
    {
        var id = (await AddFaultAsync("""{"error":"ThrottlingException","count":3}""")).Json.GetProperty("id").GetString();
        await Client.StartChatAsync(Requests.Minimal().ToJsonString());

        var listed = (await Client.ControlAsync(HttpMethod.Get, "/faults")).Json.GetProperty("faults")[0];
        var removed = await Client.ControlAsync(HttpMethod.Delete, $"/faults/{id}");
        var again = await Client.ControlAsync(HttpMethod.Delete, $"/faults/{id}");

        Assert.Equal(id, listed.GetProperty("id").GetString());
        Assert.Equal(2, listed.GetProperty("remaining").GetInt32());
        Assert.Equal(1, listed.GetProperty("fired").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().ToJsonString()));
    }

    [Fact]
    public async Task ClearFaults_RemovesThemAll()
    {
        await AddFaultAsync("""{"error":"ThrottlingException"}""");
        await AddFaultAsync("""{"latencyMs":5}""");

        Assert.Equal(HttpStatusCode.NoContent, (await Client.ControlAsync(HttpMethod.Delete, "/faults")).Status);

        Assert.Empty(App.Faults.Rules);
    }

    [Theory]
    [InlineData("{}", "A fault needs an error, dropConnection or a latencyMs above 0.")]
    [InlineData("""{"error":"ThrottlingException","dropConnection":"AfterProcessing"}""", "A fault can answer with an error or drop the connection, not both.")]
    [InlineData("""{"error":"NoSuchException"}""", "error: ConnectMock does not know the status code of this error name")]
    [InlineData("""{"error":"Bad Name!","statusCode":400}""", "error must be an AWS error name such as ThrottlingException.")]
    [InlineData("""{"error":"ThrottlingException","probability":1.5}""", "probability must be from 0 to 1.")]
    [InlineData("""{"error":"ThrottlingException","count":0}""", "count must be 1 or more.")]
    [InlineData("""{"error":"X","statusCode":200}""", "statusCode must be an error status, from 400 to 599.")]
    [InlineData("""{"dropConnection":"Sometimes"}""", "The body is not valid JSON for this call")]
    [InlineData("""{"error":""", "The body is not valid JSON for this call")]
    public async Task AddFault_Invalid_IsAPlainJson400(string body, string error)
    {
        var response = await Client.ControlAsync(HttpMethod.Post, "/faults", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(error, response.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(App.Faults.Rules);
    }

    [Fact]
    public async Task Fault_DoesNotTouchCorsPreflights_TheCallAfterThemMeetsIt()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await AddFaultAsync("""{"error":"ThrottlingException","latencyMs":50,"count":1}""");

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/participant/message");
        preflight.Headers.Add("Origin", "http://127.0.0.1:3000");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var answer = await Client.SendAsync(preflight, TestContext.Current.CancellationToken);
        var rulesAfterPreflight = App.Faults.Rules.Count;
        var call = await chat.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"hi"}""");

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(1, rulesAfterPreflight);
        AwsAssert.Error(call, HttpStatusCode.TooManyRequests, "ThrottlingException");
        Assert.Empty(App.Faults.Rules);
    }

    private async Task<WireResponse> AddFaultAsync(string json)
    {
        var response = await Client.ControlAsync(HttpMethod.Post, "/faults", json);
        Assert.True(response.Status == HttpStatusCode.Created, response.Body);
        return response;
    }
}
