using Microsoft.Extensions.Options;

namespace ConnectMock.Chats;

/// <summary>
/// The scripted bot: when enabled it joins each chat as it starts, greets, and answers every customer message with
/// its reply template after a short delay, so that a demo chat works with no code.
/// </summary>
public sealed partial class ChatBot(ChatSessions chats, IOptions<ChatOptions> options, ILogger<ChatBot> log) : IHostedService
{
    private readonly ChatBotOptions _options = options.Value.Bot;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Enabled)
        {
            chats.SessionStarted += Join;
            chats.CustomerSaid += Answer;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        chats.SessionStarted -= Join;
        chats.CustomerSaid -= Answer;
        return Task.CompletedTask;
    }

    private void Join(ChatSession session)
    {
        var bot = chats.JoinUnlessPresent(session, ParticipantRoles.System, () => new ChatMember(Guid.NewGuid(), _options.DisplayName, ParticipantRoles.System));
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

        var reply = _options.Reply.Replace("{message}", message.Content, StringComparison.Ordinal);
        _ = AnswerLaterAsync(session, bot, reply);
    }

    private async Task AnswerLaterAsync(ChatSession session, ChatMember bot, string reply)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(_options.DelayMs), chats.Time);
            if (!session.Ended)
            {
                Say(session, bot, reply);
            }
        }
        catch (Exception ex) when (ex is Aws.AwsServiceException)
        {
            // The chat ended or was evicted while the bot was "typing": nobody is left to answer.
            LogNoOneToAnswer(session.Contact.ContactId);
        }
    }

    private void Say(ChatSession session, ChatMember bot, string text) =>
        chats.Post(session, new ChatItem(ChatSession.NewId(), ChatEvents.Message, ConnectMock.Connect.ChatContentTypes.Plain, text, chats.Time.GetUtcNow(), bot.Info, null));

    [LoggerMessage(Level = LogLevel.Debug, Message = "The bot's answer in chat {ContactId} was dropped: the chat is gone")]
    private partial void LogNoOneToAnswer(Guid contactId);
}
