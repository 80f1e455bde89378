using System.Collections.Concurrent;

namespace ConnectMock.Contacts;

/// <summary>
/// Ends chats whose duration has passed while someone listens, so that their WebSockets get chat.ended on time.
/// Chats that nobody listens to end lazily, the next time a token of theirs is used.
/// </summary>
internal sealed partial class ChatExpiry(ChatSessions chats, ILogger<ChatExpiry> log) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<ChatSession, byte> _watched = new();

    public void Watch(ChatSession session) => _watched.TryAdd(session, 0);

    /// <summary>Ends every watched chat that is past its duration; forgets the ended ones.</summary>
    public void Sweep()
    {
        var now = chats.Time.GetUtcNow();
        foreach (var session in _watched.Keys)
        {
            if (!session.Ended && session.Contact.StateAt(now) == ContactState.Ended)
            {
                chats.End(session.Contact, "EXPIRED");
            }

            if (session.Ended || !session.HasSubscribers)
            {
                _watched.TryRemove(session, out _);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, chats.Time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                Sweep();
            }
            catch (Exception ex)
            {
                // An exception leaving a BackgroundService stops the host: one failed sweep must not end the mock.
                LogSweepFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Ending expired chats failed; trying again in a second")]
    private partial void LogSweepFailed(Exception exception);
}
