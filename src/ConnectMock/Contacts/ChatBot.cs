using ConnectMock.Contacts.Time;
using Microsoft.Extensions.Options;

namespace ConnectMock.Contacts;

/// <summary>
/// The scripted bot: when enabled it joins each chat as it starts, greets, and answers every customer message with
/// its reply template after a short delay, so that a demo chat works with no code; a message that is one of its
/// keywords (<see cref="BotTemplates"/>) is answered with that keyword's interactive template instead, in a chat that
/// declared interactive messages. Its pending answers are bounded and end with the host.
/// </summary>
internal sealed partial class ChatBot(
    ChatSessions chats, IContactStore store, BotTemplates templates, ClockSource pacing, IOptions<ChatOptions> options, ILogger<ChatBot> log)
    : IHostedService, IDisposable
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
            chats.ChatStarted += Join;
            chats.CustomerSaid += Answer;
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        chats.ChatStarted -= Join;
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

    private void Join(Guid contactId)
    {
        var bot = chats.JoinUnlessPresent(contactId, ParticipantRoles.System, () => new ChatMember(SecureRandom.NewGuid(), _options.DisplayName, ParticipantRoles.System));
        if (!string.IsNullOrEmpty(_options.Greeting))
        {
            Say(contactId, bot, ChatContentTypes.Plain, _options.Greeting);
        }
    }

    private void Answer(Guid contactId, ChatItem message)
    {
        if (store.Find(contactId)?.Chat?.Present(ParticipantRoles.System) is not { } bot)
        {
            return;
        }

        if (Interlocked.Increment(ref _pending) > MaxPendingAnswers)
        {
            Interlocked.Decrement(ref _pending);
            LogTooBusy(contactId);
            return;
        }

        _ = AnswerLaterAsync(contactId, bot, message.Content ?? "");
    }

    private async Task AnswerLaterAsync(Guid contactId, ChatMember bot, string said)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(_options.DelayMs), pacing.Time, _stopping.Token);
            if (store.Find(contactId) is { Chat: { Ended: false } } contact)
            {
                // The answer is built only now: a waiting answer holds a reference to the message, not a copy.
                if (templates.Answering(said) is { } template && AgentSimulation.AcceptsInteractive(contact))
                {
                    Say(contactId, bot, ChatContentTypes.Interactive, template);
                }
                else
                {
                    Say(contactId, bot, ChatContentTypes.Plain, _options.Reply.Replace("{message}", said, StringComparison.Ordinal));
                }
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
            LogNotAnswered(ex, contactId);
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    private void Say(Guid contactId, ChatMember bot, string contentType, string content) =>
        chats.Post(contactId, new ChatItem(ChatSessions.NewItemId(), ChatEvents.Message, contentType, content, chats.Time.GetUtcNow(), bot.Info, null));

    [LoggerMessage(Level = LogLevel.Debug, Message = "The bot did not answer in chat {ContactId}")]
    private partial void LogNotAnswered(Exception exception, Guid contactId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bot has too many answers pending; a message in chat {ContactId} goes unanswered")]
    private partial void LogTooBusy(Guid contactId);
}
