using ConnectMock.Contacts;

namespace ConnectMock.ControlPlane;

/// <summary>The scripted bot's settings as configured (ConnectMock:Chat:Bot); they change only with a restart.</summary>
internal sealed record BotSettingsView(bool Enabled, string DisplayName, string? Greeting, string Reply, int DelayMs)
{
    public static BotSettingsView From(ChatBotOptions bot) => new(bot.Enabled, bot.DisplayName, bot.Greeting, bot.Reply, bot.DelayMs);
}
