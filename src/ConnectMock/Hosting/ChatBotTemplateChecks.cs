using ConnectMock.Contacts;
using Microsoft.Extensions.Options;

namespace ConnectMock.Hosting;

/// <summary>
/// The bot's configured interactive templates, checked at start as the control plane checks them at run time: a
/// malformed one fails the start, naming its keyword and member, rather than a demo chat's first answer.
/// </summary>
internal sealed class ChatBotTemplateChecks : IValidateOptions<ChatOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatOptions options)
    {
        var templates = options.Bot.Templates;
        if (templates.Count > BotTemplates.MaxTemplates)
        {
            return ValidateOptionsResult.Fail($"ConnectMock:Chat:Bot:Templates has {templates.Count} templates; the most is {BotTemplates.MaxTemplates}.");
        }

        var problems = templates
            .Select(t => BotTemplates.Problem(t.Key, t.Value))
            .OfType<string>()
            .Select(problem => $"ConnectMock:Chat:Bot:Templates: {problem}")
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
