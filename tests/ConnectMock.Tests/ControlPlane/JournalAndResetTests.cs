using System.Net;
using System.Text;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.ControlPlane;

public sealed class JournalAndResetTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task Journal_RecordsEachAwsCallNewestFirst()
    {
        var ok = await Client.StartChatAsync(Requests.Minimal(clientToken: "journal-1").ToJsonString());
        var bad = await Client.StartChatAsync(Requests.Minimal(clientToken: "journal-2").With("ChatDurationInMinutes", 1).ToJsonString());

        var entries = (await Client.ControlAsync(HttpMethod.Get, "/requests?includeBodies=true")).Json.GetProperty("requests").EnumerateArray().ToList();

        Assert.Equal(2, entries.Count);
        var (last, first) = (entries[0], entries[1]);
        Assert.Equal(bad.RequestId, last.GetProperty("requestId").GetString());
        Assert.Equal(400, last.GetProperty("statusCode").GetInt32());
        Assert.Equal("InvalidParameterException", last.GetProperty("errorName").GetString());
        Assert.Equal("journal-2", last.GetProperty("clientToken").GetString());
        Assert.Equal(ok.RequestId, first.GetProperty("requestId").GetString());
        Assert.Equal("StartChatContact", first.GetProperty("operation").GetString());
        Assert.Equal("PUT", first.GetProperty("method").GetString());
        Assert.Equal("/contact/chat", first.GetProperty("path").GetString());
        Assert.Equal(200, first.GetProperty("statusCode").GetInt32());
        Assert.False(first.TryGetProperty("errorName", out _));
        Assert.Equal("11111111-2222-3333-4444-555555555555", first.GetProperty("instanceId").GetString());
        Assert.True(first.GetProperty("latencyMs").GetDouble() >= 0);
        Assert.Equal(App.Clock.GetUtcNow(), first.GetProperty("time").GetDateTimeOffset());
        Assert.Equal("Jane", first.GetProperty("requestBody").GetProperty("ParticipantDetails").GetProperty("DisplayName").GetString());
        Assert.True(entries[0].GetProperty("sequence").GetInt64() > entries[1].GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task Journal_KeepsABodyThatIsNotJsonAsText()
    {
        await Client.StartChatAsync("{not json");

        var entry = (await Client.ControlAsync(HttpMethod.Get, "/requests?includeBodies=true")).Json.GetProperty("requests")[0];

        Assert.Equal("{not json", entry.GetProperty("requestBodyText").GetString());
        Assert.Equal("InvalidRequestException", entry.GetProperty("errorName").GetString());
    }

    [Fact]
    public async Task Journal_RecordsCallsToUnservedOperationsButNotControlPlaneOrHealth()
    {
        await Client.SendAsync(HttpMethod.Put, "/contact/outbound-voice", Wire.Json("{}"));
        await Client.SendAsync(HttpMethod.Get, "/health");
        await Client.ControlAsync(HttpMethod.Get, "/contacts");

        var entry = Assert.Single((await Client.ControlAsync(HttpMethod.Get, "/requests")).Json.GetProperty("requests").EnumerateArray());

        Assert.Equal("Unknown", entry.GetProperty("operation").GetString());
        Assert.Equal("/contact/outbound-voice", entry.GetProperty("path").GetString());
        Assert.Equal(404, entry.GetProperty("statusCode").GetInt32());
    }

    /// <summary>
    /// A browser asks before each Participant Service call of a chat widget (its X-Amz-Bearer header is not a simple
    /// one): the preflight is the browser's, not a call of the AWS operation, and a test that counts a widget's calls
    /// must see each call once.
    /// </summary>
    [Theory]
    [InlineData("/participant/message", "POST")]
    [InlineData("/participant/attachment", "POST")]
    [InlineData("/contact/chat", "PUT")]
    [InlineData("/contact/outbound-voice", "PUT")]
    public async Task Journal_DoesNotRecordCorsPreflights(string path, string method)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", "http://127.0.0.1:3000");
        preflight.Headers.Add("Access-Control-Request-Method", method);
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-amz-bearer,x-amz-user-agent");
        using var answer = await Client.SendAsync(preflight, TestContext.Current.CancellationToken);
        var started = await Client.StartChatAsync(Requests.Minimal().ToJsonString());

        var entry = Assert.Single((await Client.ControlAsync(HttpMethod.Get, "/requests")).Json.GetProperty("requests").EnumerateArray());

        Assert.Equal(started.RequestId, entry.GetProperty("requestId").GetString());
        Assert.Equal("StartChatContact", entry.GetProperty("operation").GetString());
    }

    [Fact]
    public async Task Journal_RecordsAnOptionsCallThatIsNoPreflight()
    {
        // Without Access-Control-Request-Method an OPTIONS request is a call like any other: nothing serves it.
        await Client.SendAsync(HttpMethod.Options, "/participant/message");

        var entry = Assert.Single((await Client.ControlAsync(HttpMethod.Get, "/requests")).Json.GetProperty("requests").EnumerateArray());

        Assert.Equal("OPTIONS", entry.GetProperty("method").GetString());
        Assert.Equal("/participant/message", entry.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Journal_FiltersByClientTokenAndLimits()
    {
        for (var i = 0; i < 4; i++)
        {
            await Client.StartChatAsync(Requests.Minimal(clientToken: i % 2 == 0 ? "even" : "odd").ToJsonString());
        }

        var even = (await Client.ControlAsync(HttpMethod.Get, "/requests?clientToken=even")).Json.GetProperty("requests");
        var limited = (await Client.ControlAsync(HttpMethod.Get, "/requests?limit=1")).Json.GetProperty("requests");

        Assert.Equal(2, even.GetArrayLength());
        Assert.Equal(1, limited.GetArrayLength());
        Assert.Equal("odd", limited[0].GetProperty("clientToken").GetString());
    }

    [Fact]
    public async Task ClearRequests_EmptiesTheJournal()
    {
        await Client.StartChatAsync(Requests.Minimal().ToJsonString());

        var cleared = await Client.ControlAsync(HttpMethod.Delete, "/requests");

        Assert.Equal(HttpStatusCode.NoContent, cleared.Status);
        Assert.Equal(0, (await Client.ControlAsync(HttpMethod.Get, "/requests")).Json.GetProperty("requests").GetArrayLength());
        Assert.Equal(1, App.Store.Count);
    }

    [Fact]
    public async Task Reset_ClearsContactsJournalAndFaults()
    {
        await Client.StartChatAsync(Requests.Minimal().ToJsonString());
        await Client.StartChatAsync(Requests.Minimal().ToJsonString());
        await Client.ControlAsync(HttpMethod.Post, "/faults", """{"error":"ThrottlingException"}""");

        var reset = (await Client.ControlAsync(HttpMethod.Post, "/reset")).Json;

        Assert.Equal(2, reset.GetProperty("contactsRemoved").GetInt32());
        Assert.Equal(2, reset.GetProperty("requestsRemoved").GetInt32());
        Assert.Equal(1, reset.GetProperty("faultsRemoved").GetInt32());
        Assert.Equal(0, App.Store.Count);
        AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().ToJsonString()));
    }

    [Fact]
    public async Task Reset_OfOneInstance_LeavesTheOthers()
    {
        var mine = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "t").With("InstanceId", "mine").ToJsonString()));
        var theirs = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "t").With("InstanceId", "theirs").ToJsonString()));
        await Client.ControlAsync(HttpMethod.Post, "/faults", """{"instanceId":"mine","error":"ThrottlingException"}""");
        await Client.ControlAsync(HttpMethod.Post, "/faults", """{"instanceId":"theirs","latencyMs":1}""");

        var reset = (await Client.ControlAsync(HttpMethod.Post, "/reset?instanceId=mine")).Json;

        Assert.Equal(1, reset.GetProperty("contactsRemoved").GetInt32());
        Assert.Equal(1, reset.GetProperty("requestsRemoved").GetInt32());
        Assert.Equal(1, reset.GetProperty("faultsRemoved").GetInt32());
        Assert.Null(App.Store.Find(Guid.Parse(mine.ContactId)));
        Assert.NotNull(App.Store.Find(Guid.Parse(theirs.ContactId)));
        Assert.Single(App.Faults.Rules);
    }
}

public sealed class SmallJournalFactory : ConnectMockFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("ConnectMock:Journal:Capacity", "3"), new("ConnectMock:Journal:MaxBodyBytes", "100")];
}

public sealed class JournalBoundsTests(SmallJournalFactory app) : ConnectMockTest<SmallJournalFactory>(app)
{
    [Fact]
    public async Task Journal_KeepsOnlyTheLatestCapacityCalls()
    {
        for (var i = 0; i < 10; i++)
        {
            await Client.StartChatAsync(Requests.Minimal(clientToken: $"t{i}").ToJsonString());
        }

        var tokens = (await Client.ControlAsync(HttpMethod.Get, "/requests")).Json.GetProperty("requests")
            .EnumerateArray().Select(e => e.GetProperty("clientToken").GetString());

        Assert.Equal(["t9", "t8", "t7"], tokens);
    }

    [Fact]
    public async Task Journal_CutsLongBodiesAndSaysSo()
    {
        await Client.StartChatAsync(Requests.Minimal().With("Padding", new string('x', 500)).ToJsonString());

        var entry = (await Client.ControlAsync(HttpMethod.Get, "/requests?includeBodies=true")).Json.GetProperty("requests")[0];

        Assert.True(entry.GetProperty("requestBodyTruncated").GetBoolean());
        Assert.Equal(100, Encoding.UTF8.GetByteCount(entry.GetProperty("requestBodyText").GetString()!));
    }

    [Fact]
    public async Task Journal_ReusingAPosition_ShowsOnlyTheNewerCall()
    {
        // Capacity 3: the fourth call is written where the first was, which had a longer token, path and body.
        await Client.StartChatAsync(Requests.Minimal(clientToken: "a-much-longer-client-token-first").With("Padding", new string('y', 40)).ToJsonString());
        await Client.SendAsync(HttpMethod.Get, "/health");
        await Client.StartChatAsync(Requests.Minimal(clientToken: "second").ToJsonString());
        await Client.StartChatAsync(Requests.Minimal(clientToken: "third").ToJsonString());
        var fourth = await Client.SendAsync(HttpMethod.Put, "/contact/x", Wire.Json("{}"));

        var entries = (await Client.ControlAsync(HttpMethod.Get, "/requests?includeBodies=true")).Json.GetProperty("requests").EnumerateArray().ToList();

        Assert.Equal(3, entries.Count);
        var newest = entries[0];
        Assert.Equal("/contact/x", newest.GetProperty("path").GetString());
        Assert.False(newest.TryGetProperty("requestBody", out _), "an unknown operation's body is not read, so none is shown");
        Assert.False(newest.TryGetProperty("clientToken", out _));
        Assert.Equal(fourth.Headers.GetValues("x-amzn-RequestId").Single(), newest.GetProperty("requestId").GetString());
        Assert.Equal(["third", "second"], entries.Skip(1).Select(e => e.GetProperty("clientToken").GetString()));
    }
}
