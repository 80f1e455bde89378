using System.Collections.Concurrent;
using ConnectMock.Aws;
using Microsoft.Extensions.Options;

namespace ConnectMock.Contacts;

/// <summary>
/// The bot's scripted interactive answers: a customer message that is exactly a keyword (case and surrounding spaces
/// aside) is answered with that keyword's template. Seeded from <c>ConnectMock:Chat:Bot:Templates</c>, changed at run
/// time through the control plane, and back to the configured ones on reset.
/// </summary>
internal sealed class BotTemplates
{
    /// <summary>The longest keyword: a customer's text/plain message is at most 1024 characters.</summary>
    public const int MaxKeywordLength = 1024;

    /// <summary>The most templates at once: each is up to 20 KB, and they live as long as the server.</summary>
    public const int MaxTemplates = 100;

    private readonly IReadOnlyDictionary<string, string> _configured;
    private readonly ConcurrentDictionary<string, string> _templates = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _changing = new();

    public BotTemplates(IOptions<ChatOptions> options)
    {
        var configured = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (keyword, template) in options.Value.Bot.Templates)
        {
            configured[Keyword(keyword)] = template;
        }

        _configured = configured;
        Reset();
    }

    /// <summary>The template that answers <paramref name="said"/>, if it is a keyword.</summary>
    public string? Answering(string said) => _templates.TryGetValue(Keyword(said), out var template) ? template : null;

    public IReadOnlyDictionary<string, string> All =>
        new SortedDictionary<string, string>(_templates.ToDictionary(t => t.Key, t => t.Value), StringComparer.OrdinalIgnoreCase);

    /// <summary>Sets a keyword's template; ValidationException when the keyword or the template is not valid.</summary>
    public void Set(string keyword, string template)
    {
        keyword = Keyword(keyword);
        if (Problem(keyword, template) is { } problem)
        {
            throw AwsErrors.Of(AwsErrors.ValidationName, problem);
        }

        lock (_changing)
        {
            if (!_templates.ContainsKey(keyword) && _templates.Count >= MaxTemplates)
            {
                throw AwsErrors.Of(AwsErrors.ValidationName, $"The bot has {MaxTemplates} templates, its most: remove one first.");
            }

            _templates[keyword] = template;
        }

        Changed?.Invoke(All);
    }

    public bool Remove(string keyword)
    {
        var removed = _templates.TryRemove(Keyword(keyword), out _);
        if (removed)
        {
            Changed?.Invoke(All);
        }

        return removed;
    }

    /// <summary>
    /// Raised after this replica's control plane changed the templates, with all of them; not raised by
    /// <see cref="Replace"/>. Only shared templates listen (several replicas on one Redis: docs/scale-out.md).
    /// </summary>
    public event Action<IReadOnlyDictionary<string, string>>? Changed;

    /// <summary>Puts the templates another replica set in place of these.</summary>
    public void Replace(IReadOnlyDictionary<string, string> templates)
    {
        lock (_changing)
        {
            _templates.Clear();
            foreach (var (keyword, template) in templates)
            {
                _templates[keyword] = template;
            }
        }
    }

    /// <summary>Back to the configured templates.</summary>
    public void Reset()
    {
        lock (_changing)
        {
            _templates.Clear();
            foreach (var (keyword, template) in _configured)
            {
                _templates[keyword] = template;
            }
        }

        Changed?.Invoke(All);
    }

    /// <summary>What is wrong with a keyword and its template, in words naming the member; null when nothing is.</summary>
    public static string? Problem(string keyword, string? template)
    {
        keyword = Keyword(keyword);
        if (keyword.Length is 0 or > MaxKeywordLength)
        {
            return $"A keyword is 1 to {MaxKeywordLength} characters, spaces around it aside.";
        }

        return string.IsNullOrEmpty(template)
            ? $"The template of keyword '{keyword}' is empty."
            : InteractiveTemplates.Problem(template) is { } problem ? $"The template of keyword '{keyword}' is not valid: {problem}" : null;
    }

    private static string Keyword(string text) => text.Trim();
}
