using ConnectMock.Contacts.Storage.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConnectMock.Hosting;

/// <summary>
/// Connects the Redis store as the host starts (a server that cannot be reached fails the start, at once), then
/// starts reading its change stream, so that this replica's listeners hear every replica's changes.
/// </summary>
internal sealed class RedisStoreStartup(RedisConnection redis, RedisChangeFeed feed) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
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
