using Microsoft.Extensions.Options;

namespace ConnectMock.Contacts;

/// <summary>
/// The scripted bot: when enabled it joins each chat as it starts, greets, and answers every customer message with
/// its reply template after a short delay, so that a demo chat works with no code. Its pending answers are bounded
/// and end with the host.
/// </summary>
internal sealed partial class ChatBot(ChatSessions chats, IOptions<ChatOptions> options, ILogger<ChatBot> log) : IHostedService, IDisposable
{
    /// <summary>Answers waiting for their delay at once; beyond it a message goes unanswered rather than queue work.</summary>
    public const int MaxPendingAnswers = 1000;

    private readonly ChatBotOptions _options = options.Value.Bot;
    private readonly CancellationTokenSource _stopping = new();
    private int _pending;
    private volatile bool _disposed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Enabled)
        {
            chats.SessionStarted += Join;
            chats.CustomerSaid += Answer;
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        chats.SessionStarted -= Join;
        chats.CustomerSaid -= Answer;

        // The host may dispose its services before a late StopAsync (seen when a test host shuts down).
        if (!_disposed)
        {
            await _stopping.CancelAsync();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _stopping.Dispose();
    }

    private void Join(ChatSession session)
    {
        var bot = chats.JoinUnlessPresent(session, ParticipantRoles.System, () => new ChatMember(SecureRandom.NewGuid(), _options.DisplayName, ParticipantRoles.System));
        if (!string.IsNullOrEmpty(_options.Greeting))
        {
            Say(session, bot, _options.Greeting);
        }
    }

    private void Answer(ChatSession session, ChatItem message)
    {
        if (session.Members.FirstOrDefault(m => m.Role == ParticipantRoles.System && !m.Left) is not { } bot)
        {
            return;
        }

        if (Interlocked.Increment(ref _pending) > MaxPendingAnswers)
        {
            Interlocked.Decrement(ref _pending);
            LogTooBusy(session.Contact.ContactId);
            return;
        }

        _ = AnswerLaterAsync(session, bot, message.Content ?? "");
    }

    private async Task AnswerLaterAsync(ChatSession session, ChatMember bot, string said)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(_options.DelayMs), chats.Time, _stopping.Token);
            if (!session.Ended)
            {
                // The answer is built only now: a waiting answer holds a reference to the message, not a copy.
                Say(session, bot, _options.Reply.Replace("{message}", said, StringComparison.Ordinal));
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping.
        }
        catch (Exception ex)
        {
            // The chat ended or was evicted while the bot was "typing", or something else went wrong: nobody waits
            // for a bot's answer, so it is logged and dropped rather than left unobserved.
            LogNotAnswered(ex, session.Contact.ContactId);
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    private void Say(ChatSession session, ChatMember bot, string text) =>
        chats.Post(session, new ChatItem(ChatSession.NewId(), ChatEvents.Message, ChatContentTypes.Plain, text, chats.Time.GetUtcNow(), bot.Info, null));

    [LoggerMessage(Level = LogLevel.Debug, Message = "The bot did not answer in chat {ContactId}")]
    private partial void LogNotAnswered(Exception exception, Guid contactId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bot has too many answers pending; a message in chat {ContactId} goes unanswered")]
    private partial void LogTooBusy(Guid contactId);
}
