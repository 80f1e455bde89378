using System.Diagnostics;
using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.ScaleOut;

/// <summary>
/// What the shared state does while its redis-server is gone: AWS calls answer the service's internal error, the
/// control plane a plain 500, at once, never a hang or a stack trace; and everything works again once Redis is back.
/// </summary>
public sealed class SharedStateRedisLostTests(RedisReplicas replicas) : RedisReplicasTest(replicas)
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task SharedState_WhileRedisIsDown_AnswersInternalErrorsAtOnce_AndRecovers()
    {
        await On(0).ControlAsync(HttpMethod.Post, "/faults", """{"operation":"StartChatContact","latencyMs":1,"count":1000}""");
        Replicas.Redis.Stop();
        WireResponse start, faults, freeze, instance, journal;
        var clock = Stopwatch.StartNew();
        try
        {
            start = await On(1).StartChatAsync(Requests.Minimal().ToJsonString());
            faults = await On(2).ControlAsync(HttpMethod.Get, "/faults");
            freeze = await On(0).ControlAsync(HttpMethod.Post, "/clock/freeze");
            instance = await On(1).ControlAsync(HttpMethod.Put, $"/instances/{Requests.InstanceId}", "{}");
            journal = await On(2).ControlAsync(HttpMethod.Get, "/requests");
            clock.Stop();
        }
        finally
        {
            await Replicas.Redis.StartAsync();
        }

        AwsAssert.Error(start, HttpStatusCode.InternalServerError, "InternalServiceException");
        Assert.All([faults, freeze, instance, journal], answer =>
        {
            Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
            Assert.Equal("application/json", answer.ContentType);
            Assert.DoesNotContain(" at ", answer.Body, StringComparison.Ordinal);
        });
        Assert.True(clock.Elapsed < Prompt, $"five calls took {clock.Elapsed} while Redis was down");

        // Back (empty: the test server keeps nothing on disk): each replica reloads what it missed, and works.
        var healthy = Stopwatch.StartNew();
        while ((await Task.WhenAll(Replicas.Clients.Select(c => c.SendAsync(HttpMethod.Get, "/health")))).Any(h => h.Status != HttpStatusCode.OK))
        {
            Assert.True(healthy.Elapsed < TimeSpan.FromSeconds(30), "/health stayed unhealthy after Redis came back");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        var added = await On(2).ControlAsync(HttpMethod.Post, "/faults", """{"operation":"StartChatContact","error":"ThrottlingException","count":1}""");
        var throttled = await On(0).StartChatAsync(Requests.Minimal().ToJsonString());
        var started = await On(1).StartChatAsync(Requests.Minimal().ToJsonString());
        Assert.Equal(HttpStatusCode.Created, added.Status);
        AwsAssert.Error(throttled, (HttpStatusCode)429, "ThrottlingException");
        Assert.Equal(HttpStatusCode.OK, started.Status);
    }
}
