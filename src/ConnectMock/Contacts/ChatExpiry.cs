namespace ConnectMock.Contacts;

/// <summary>
/// Ends chats whose duration has passed while this server holds something open for them (their WebSockets), so
/// that their sockets get chat.ended on time. Other chats end lazily, the next time a token of theirs is used.
/// </summary>
internal sealed partial class ChatExpiry(ChatSessions chats, IContactStore store, ILogger<ChatExpiry> log) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    /// <summary>Ends every chat with something open on this server that is past its duration.</summary>
    public void Sweep()
    {
        var now = chats.Time.GetUtcNow();
        foreach (var contactId in chats.LiveChats)
        {
            switch (store.Find(contactId))
            {
                case null:
                    chats.ForgetLive(contactId);
                    break;
                case { Chat.Ended: false } contact when contact.StateAt(now) == ContactState.Ended:
                    chats.End(contactId, "EXPIRED");
                    break;
                default:
                    break;
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
