using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.ScaleOut;

/// <summary>
/// The journal, declared instances and quotas, the bot's templates and the attachment scanner, on three replicas that
/// share one redis-server: set or recorded through one, seen through the others, on the wire.
/// </summary>
public sealed class SharedSettingsTests(RedisReplicas replicas) : RedisReplicasTest(replicas)
{
    private const string OtherInstance = "99999999-8888-7777-6666-555555555555";

    [Fact]
    public async Task Journal_ShowsEveryReplicasCalls_InOrder_OnAnyReplica()
    {
        for (var i = 0; i < 9; i++)
        {
            await On(i % RedisReplicas.Count).StartChatAsync(Requests.Minimal($"journal-{i}").ToJsonString());
        }

        for (var i = 0; i < RedisReplicas.Count; i++)
        {
            var requests = (await On(i).ControlAsync(HttpMethod.Get, "/requests?includeBodies=true")).Json.GetProperty("requests").EnumerateArray().ToList();
            Assert.Equal([.. Enumerable.Range(0, 9).Reverse().Select(n => $"journal-{n}")], requests.Select(r => r.GetProperty("clientToken").GetString()));
            Assert.All(requests, r => Assert.Equal("StartChatContact", r.GetProperty("operation").GetString()));
            Assert.Equal("Jane", requests[0].GetProperty("requestBody").GetProperty("ParticipantDetails").GetProperty("DisplayName").GetString());
            var sequences = requests.Select(r => r.GetProperty("sequence").GetInt64()).ToList();
            Assert.Equal(sequences.OrderDescending(), sequences);
        }
    }

    [Fact]
    public async Task Journal_IsBoundedAcrossReplicas_AndClearedThroughAny()
    {
        var calls = RedisReplicaFactory.JournalCapacity + 10;
        for (var i = 0; i < calls; i++)
        {
            await On(i % RedisReplicas.Count).StartChatAsync(Requests.Minimal($"bounded-{i}").ToJsonString());
        }

        var kept = new List<string?>();
        string? next = null;
        do
        {
            var page = (await On(1).ControlAsync(HttpMethod.Get, "/requests?maxResults=15" + (next is null ? "" : $"&nextToken={next}"))).Json;
            kept.AddRange(page.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("clientToken").GetString()));
            next = page.TryGetProperty("nextToken", out var token) ? token.GetString() : null;
        }
        while (next is not null);
        var cleared = await On(2).ControlAsync(HttpMethod.Delete, "/requests");
        var after = (await On(0).ControlAsync(HttpMethod.Get, "/requests")).Json.GetProperty("requests");

        Assert.Equal([.. Enumerable.Range(10, RedisReplicaFactory.JournalCapacity).Reverse().Select(n => $"bounded-{n}")], kept);
        Assert.Equal(HttpStatusCode.NoContent, cleared.Status);
        Assert.Empty(after.EnumerateArray());
    }

    [Fact]
    public async Task Instance_DeclaredOnOneReplica_IsEnforcedOnAll_AndItsQuotaCountedAcrossThem()
    {
        var declared = await On(0).ControlAsync(HttpMethod.Put, $"/instances/{Requests.InstanceId}", """{"maxConcurrentActiveChats":4}""");

        var unknown = await On(1).StartChatAsync(Requests.Minimal().With("InstanceId", OtherInstance).ToJsonString());
        var starts = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => On(i % RedisReplicas.Count).StartChatAsync(Requests.Minimal().ToJsonString())));
        var listed = (await On(2).ControlAsync(HttpMethod.Get, "/instances")).Json;
        var removed = await On(2).ControlAsync(HttpMethod.Delete, $"/instances/{Requests.InstanceId}");
        var lenientAgain = await On(1).StartChatAsync(Requests.Minimal().With("InstanceId", OtherInstance).ToJsonString());

        Assert.Equal(HttpStatusCode.OK, declared.Status);
        AwsAssert.Error(unknown, HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Equal(4, starts.Count(s => s.Status == HttpStatusCode.OK));
        Assert.All(starts.Where(s => s.Status != HttpStatusCode.OK), s => AwsAssert.Error(s, (HttpStatusCode)429, "LimitExceededException"));
        var instance = Assert.Single(listed.GetProperty("instances").EnumerateArray());
        Assert.Equal(Requests.InstanceId, instance.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        Assert.Equal(HttpStatusCode.OK, lenientAgain.Status);
    }

    [Fact]
    public async Task BotTemplate_SetOnOneReplica_IsListedOnAll_AndResetRestoresThem()
    {
        var set = await On(0).ControlAsync(HttpMethod.Put, "/bot/templates/menu", BotEndpointsExample);
        var lists = await Task.WhenAll(Enumerable.Range(0, RedisReplicas.Count).Select(i => On(i).ControlAsync(HttpMethod.Get, "/bot/templates")));
        await On(1).ControlAsync(HttpMethod.Post, "/reset");
        var afterReset = (await On(2).ControlAsync(HttpMethod.Get, "/bot/templates")).Json.GetProperty("templates");

        Assert.Equal(HttpStatusCode.NoContent, set.Status);
        Assert.All(lists, list => Assert.Equal("ListPicker", list.Json.GetProperty("templates").GetProperty("menu").GetProperty("templateType").GetString()));
        Assert.False(afterReset.TryGetProperty("menu", out _));
    }

    [Fact]
    public async Task Scanner_ConfiguredOnOneReplica_AppliesOnAll()
    {
        var set = await On(2).ControlAsync(HttpMethod.Put, "/attachments/scanning", """{"enabled":true,"delayMs":1234,"rejectNamePattern":"virus"}""");
        var usages = await Task.WhenAll(Enumerable.Range(0, RedisReplicas.Count).Select(i => On(i).ControlAsync(HttpMethod.Get, "/attachments")));

        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.All(usages, usage =>
        {
            var scanning = usage.Json.GetProperty("scanning");
            Assert.True(scanning.GetProperty("enabled").GetBoolean());
            Assert.Equal(1234, scanning.GetProperty("delayMs").GetInt32());
            Assert.Equal("virus", scanning.GetProperty("rejectNamePattern").GetString());
        });
    }

    private const string BotEndpointsExample =
        """{"templateType":"ListPicker","version":"1.0","data":{"content":{"title":"What can I help you with?","elements":[{"title":"Billing"}]}}}""";
}
