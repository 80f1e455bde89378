using ConnectMock.Contacts.Storage.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConnectMock.Hosting;

/// <summary>
/// Connects the Redis store as the host starts (a server that cannot be reached fails the start, at once), then
/// starts reading its change stream, so that this replica's listeners hear every replica's changes.
/// </summary>
internal sealed class RedisStoreStartup(RedisConnection redis, RedisChangeFeed feed) : IHostedService
{
    /// <summary>
    /// Threads the pool starts with on the Redis provider. Its calls wait for Redis synchronously (the domain decides
    /// inside a store step), so each request in flight holds a thread for a round trip; with the default minimum (one
    /// per core) a burst of requests waits for the pool to grow by about one thread per half second, long enough for
    /// their Redis calls to time out (50 concurrent starts on three replicas did, on a loaded 2-core machine).
    /// </summary>
    public const int MinThreads = 64;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, MinThreads), completions);
        redis.Connect();
        feed.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        feed.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>/health is unhealthy while the Redis store's server does not answer; healthy again once it does.</summary>
internal sealed class RedisStoreHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await redis.PingAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The Redis store answers.")
            : HealthCheckResult.Unhealthy("The Redis store does not answer.");
}
