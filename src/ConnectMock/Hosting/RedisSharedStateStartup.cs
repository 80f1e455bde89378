using ConnectMock.Contacts;
using ConnectMock.Contacts.Attachments;
using ConnectMock.Contacts.Storage.Redis;
using ConnectMock.Contacts.Time;
using ConnectMock.ControlPlane;
using ConnectMock.ControlPlane.Faults;
using ConnectMock.Instances;

namespace ConnectMock.Hosting;

/// <summary>
/// On the Redis provider, ties each setting a replica keeps in memory to its shared copy in Redis (what changes it
/// here is written there; what another replica changes is reloaded here), then loads them all: after
/// <see cref="RedisStoreStartup"/>, which connects.
/// </summary>
internal sealed class RedisSharedStateStartup(
    RedisSharedState state,
    FaultInjector faults,
    RedisFaultRules sharedFaults,
    ConnectMockClock clock,
    RedisClock sharedClock,
    RedisSettings settings,
    InstanceRegistry instances,
    BotTemplates bot,
    AttachmentScanner scanner,
    AttachmentStore attachments,
    RedisConnection redis,
    IContactStore store,
    RequestJournal journal) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        state.On(RedisFaultRules.Topic, () => faults.Replace(sharedFaults.Load()));

        clock.Set += sharedClock.Save;
        // Another replica moved the clock: the timers this one fires on the way must be those of every change made
        // before the move, so it first catches up with the change stream (a message just sent elsewhere resets an idle
        // timer here before the advance passes its old time).
        state.On(RedisClock.Topic, () =>
        {
            store.CatchUp();
            sharedClock.Reload();
        });

        settings.Seed(instances.Seeded);
        state.On(RedisSettings.InstancesTopic, () => instances.Replace(settings.Instances()));

        bot.Changed += settings.SaveBot;
        state.On(RedisSettings.BotTopic, () =>
        {
            if (settings.Bot() is { } templates)
            {
                bot.Replace(templates);
            }
        });

        // Every replica's calls, this one's included, reach this replica's consoles (RedisRequestJournal.RecordedChannel).
        redis.Subscriber.Subscribe(RedisRequestJournal.RecordedChannel, (_, _) => journal.NotifyRecorded());

        scanner.Changed += settings.SaveScanner;
        state.On(RedisSettings.ScannerTopic, () =>
        {
            if (settings.Scanner() is { } options)
            {
                scanner.Apply(options);
            }
        });

        // Made now, not at its first use: it forgets the attachments of the contacts this replica evicts or clears.
        GC.KeepAlive(attachments);
        state.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
