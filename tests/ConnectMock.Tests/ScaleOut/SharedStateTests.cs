using System.Net;
using ConnectMock.Tests.ControlPlane;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.ScaleOut;

/// <summary>
/// Issue 20, item 2: three replicas on one redis-server behave as one Amazon Connect for what a client sets and reads
/// through any of them, on the wire (AWS calls and the control plane).
/// </summary>
public sealed class SharedStateTests(RedisReplicas replicas) : RedisReplicasTest(replicas)
{
    [Fact]
    public async Task StartChatContact_50ConcurrentCallsWithOneClientToken_SpreadOver3Replicas_CreateOneContact()
    {
        var body = Requests.Minimal("one-token-three-replicas").ToJsonString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => On(i % RedisReplicas.Count).StartChatAsync(body)));

        var contactIds = answers.Select(a => AwsAssert.Started(a).ContactId).Distinct().ToList();
        Assert.Single(contactIds);
        for (var i = 0; i < RedisReplicas.Count; i++)
        {
            var listed = (await On(i).ControlAsync(HttpMethod.Get, "/contacts?clientToken=one-token-three-replicas")).Json.GetProperty("contacts");
            Assert.Equal(contactIds[0], Assert.Single(listed.EnumerateArray()).GetProperty("contactId").GetString());
        }
    }

    [Fact]
    public async Task ConnectionToken_FromOneReplica_IsAcceptedByTheOthers()
    {
        var chat = await (await new ChatDriver(On(0)).StartAsync()).ConnectAsync();

        await chat.Via(On(1)).SendMessageAsync("through replica 1");
        var transcript = await chat.Via(On(2)).TranscriptAsync();

        Assert.Contains(transcript, item => item.TryGetProperty("Content", out var content) && content.GetString() == "through replica 1");
    }

    [Fact]
    public async Task GetTranscriptNextToken_FromOneReplica_PagesOnTheOthers()
    {
        var chat = await (await new ChatDriver(On(0)).StartAsync()).ConnectAsync();
        for (var i = 1; i <= 3; i++)
        {
            await chat.SendMessageAsync($"page {i}");
        }

        var first = (await chat.Via(On(0)).CallAsync("/participant/transcript", """{"MaxResults":2,"ScanDirection":"FORWARD","SortOrder":"ASCENDING"}""")).Json;
        var token = first.GetProperty("NextToken").GetString();
        var second = await chat.Via(On(1)).CallAsync("/participant/transcript",
            $$"""{"MaxResults":2,"ScanDirection":"FORWARD","SortOrder":"ASCENDING","NextToken":"{{token}}"}""");
        var third = await chat.Via(On(2)).CallAsync("/participant/transcript",
            $$"""{"MaxResults":2,"ScanDirection":"FORWARD","SortOrder":"ASCENDING","NextToken":"{{token}}"}""");

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(second.Json.GetProperty("Transcript").GetRawText(), third.Json.GetProperty("Transcript").GetRawText());
        Assert.NotEqual(first.GetProperty("Transcript")[0].GetProperty("Id").GetString(), second.Json.GetProperty("Transcript")[0].GetProperty("Id").GetString());
    }

    [Fact]
    public async Task Fault_AddedOnOneReplica_FiresItsCountOnceAcrossAllThree()
    {
        var added = await On(0).ControlAsync(HttpMethod.Post, "/faults", """{"operation":"StartChatContact","error":"ThrottlingException","count":4}""");
        Assert.Equal(HttpStatusCode.Created, added.Status);

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => On(i % RedisReplicas.Count).StartChatAsync(Requests.Minimal().ToJsonString())));

        Assert.Equal(4, answers.Count(a => a.Header("x-amzn-ErrorType") is { } type && type.StartsWith("ThrottlingException", StringComparison.Ordinal)));
        Assert.Equal(26, answers.Count(a => a.Status == HttpStatusCode.OK));
        for (var i = 0; i < RedisReplicas.Count; i++)
        {
            Assert.Empty((await On(i).ControlAsync(HttpMethod.Get, "/faults")).Json.GetProperty("faults").EnumerateArray());
        }
    }

    [Fact]
    public async Task Fault_ListedAndRemovedThroughAnotherReplica_StopsOnAll()
    {
        var added = (await On(1).ControlAsync(HttpMethod.Post, "/faults", """{"operation":"StartChatContact","error":"AccessDeniedException"}""")).Json;
        var id = added.GetProperty("id").GetString();

        var denied = await On(2).StartChatAsync(Requests.Minimal().ToJsonString());
        await On(0).StartChatAsync(Requests.Minimal().ToJsonString());
        var listed = Assert.Single((await On(2).ControlAsync(HttpMethod.Get, "/faults")).Json.GetProperty("faults").EnumerateArray());
        var removed = await On(2).ControlAsync(HttpMethod.Delete, $"/faults/{id}");
        var after = await Task.WhenAll(Enumerable.Range(0, RedisReplicas.Count).Select(i => On(i).StartChatAsync(Requests.Minimal().ToJsonString())));

        AwsAssert.Error(denied, HttpStatusCode.Forbidden, "AccessDeniedException");
        Assert.Equal(id, listed.GetProperty("id").GetString());
        Assert.Equal(2, listed.GetProperty("fired").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        Assert.All(after, a => Assert.Equal(HttpStatusCode.OK, a.Status));
    }

    [Fact]
    public async Task Clock_FrozenAndAdvancedOnOneReplica_ReadsTheSameOnAll()
    {
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        await On(0).ControlAsync(HttpMethod.Post, "/clock/freeze", """{"at":"2026-12-01T09:00:00Z"}""");
        var contactId = await On(1).StartContactAsync(Requests.Minimal());
        var described = (await On(2).SendAsync(HttpMethod.Get, $"/contacts/{Requests.InstanceId}/{contactId}")).Json.GetProperty("Contact");
        await On(2).ControlAsync(HttpMethod.Post, "/clock/advance", """{"by":"PT1H"}""");
        var clocks = await Task.WhenAll(Enumerable.Range(0, RedisReplicas.Count).Select(i => On(i).ControlAsync(HttpMethod.Get, "/clock")));

        Assert.Equal(at.ToUnixTimeSeconds(), described.GetProperty("InitiationTimestamp").GetDecimal());
        Assert.All(clocks, clock =>
        {
            Assert.True(clock.Json.GetProperty("frozen").GetBoolean());
            Assert.Equal(at.AddHours(1), clock.Json.GetProperty("now").GetDateTimeOffset());
        });
    }

    [Fact]
    public async Task Clock_AdvancedOnOneReplica_EndsTheChatsTheOthersTimed()
    {
        await On(0).ControlAsync(HttpMethod.Post, "/clock/freeze");
        var chat = await (await new ChatDriver(On(1), Replicas.Apps[1].Server).StartAsync(Requests.Minimal().With("ChatDurationInMinutes", 60))).ConnectAsync();

        await On(0).ControlAsync(HttpMethod.Post, "/clock/advance", """{"by":"PT61M"}""");
        var contact = (await On(2).SendAsync(HttpMethod.Get, $"/contacts/{Requests.InstanceId}/{chat.ContactId}")).Json.GetProperty("Contact");

        Assert.Equal("EXPIRED", contact.GetProperty("DisconnectReason").GetString());
    }

    [Fact]
    public async Task ClockRead_ThroughAnotherReplica_RightAfterACustomerConnected_CountsTheChatsTimer()
    {
        // Read-your-writes across replicas: each replica times every chat it hears of through the change stream, and a
        // clock call through any replica first catches up with it, so it counts the chat whose customer another replica just connected.
        await On(0).ControlAsync(HttpMethod.Post, "/clock/freeze");
        for (var i = 0; i < 12; i++)
        {
            var (starter, reader) = (i % RedisReplicas.Count, (i + 1) % RedisReplicas.Count);
            var before = (await On(reader).ControlAsync(HttpMethod.Get, "/clock")).Json.GetProperty("pendingTimers").GetInt32();
            await (await new ChatDriver(On(starter)).StartAsync()).ConnectAsync();

            var after = (await On(reader).ControlAsync(HttpMethod.Get, "/clock")).Json.GetProperty("pendingTimers").GetInt32();

            Assert.True(after == before + 1, $"round {i}: replica {reader} counted {after} timers after a customer connected through replica {starter}, {before} before");
        }
    }

    [Fact]
    public async Task TheConsoleOfOneReplica_HearsOfACallRecordedOnAnother()
    {
        await using var feed = await ConsoleFeedTests.FeedReader.OpenAsync(On(1));

        AwsAssert.Started(await On(0).StartChatAsync(Requests.Minimal().ToJsonString()));

        Assert.Equal("journal", (await feed.NextAsync(e => e.Name == "journal")).Name);
    }

    [Fact]
    public async Task Reset_ThroughOneReplica_ClearsFaultsAndTheClockOnAll()
    {
        await On(0).ControlAsync(HttpMethod.Post, "/faults", """{"operation":"StartChatContact","error":"ThrottlingException"}""");
        await On(1).ControlAsync(HttpMethod.Post, "/clock/freeze", """{"at":"2020-01-01T00:00:00Z"}""");

        var reset = await On(2).ControlAsync(HttpMethod.Post, "/reset");
        var clocks = await Task.WhenAll(Enumerable.Range(0, RedisReplicas.Count).Select(i => On(i).ControlAsync(HttpMethod.Get, "/clock")));
        var starts = await Task.WhenAll(Enumerable.Range(0, RedisReplicas.Count).Select(i => On(i).StartChatAsync(Requests.Minimal().ToJsonString())));

        Assert.Equal(1, reset.Json.GetProperty("faultsRemoved").GetInt32());
        Assert.All(clocks, clock => Assert.False(clock.Json.GetProperty("frozen").GetBoolean()));
        Assert.All(starts, start => Assert.Equal(HttpStatusCode.OK, start.Status));
    }
}
