using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using ConnectMock.Contacts.Storage.Redis;
using Microsoft.Extensions.Options;

namespace ConnectMock.Hosting;

/// <summary>
/// Every setting checked before the host starts, so that a bad one ends the start with one line naming the key and
/// what it accepts, and exit code 2: not the host's stack trace, and not silently ignored, which is what the host
/// does with a shutdownTimeoutSeconds that is not a number.
/// </summary>
internal static partial class ConfigurationCheck
{
    public const int InvalidConfigurationExitCode = 2;

    /// <summary>Checks the host settings ConnectMock documents, then runs the options' start validation.</summary>
    public static void Validate(WebApplication app)
    {
        var config = app.Configuration;
        const string ListenUrls = "one or more http:// or https:// URLs with a port from 0 to 65535 and no path, separated by ';', e.g. http://0.0.0.0:8080";
        Check(config, "urls", "--urls, ASPNETCORE_URLS", ListenUrls, url => url.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(IsListenUrl));
        Check(config, "http_ports", "ASPNETCORE_HTTP_PORTS", "port numbers from 0 to 65535 separated by ';'", AreListenPorts);
        Check(config, "https_ports", "ASPNETCORE_HTTPS_PORTS", "port numbers from 0 to 65535 separated by ';'", AreListenPorts);
        // The host reads it the same way, and ignores a value that does not parse.
        Check(config, "shutdownTimeoutSeconds", "DOTNET_SHUTDOWNTIMEOUTSECONDS", "a whole number of seconds, 0 or more",
            seconds => int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out _));

        // Before the host starts: a failure there is logged by the host with its stack trace first.
        app.Services.GetRequiredService<IStartupValidator>().Validate();

        // The same for the Redis store's server: one line from Program, not the host's trace.
        app.Services.GetService<RedisConnection>()?.Connect();
    }

    /// <summary>The line that says what is wrong, when a setting caused <paramref name="exception"/>; null otherwise.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => string.Join("; ", invalid.Failures.Select(failure => WithKey(invalid.OptionsType, failure))),
        AggregateException all when all.InnerExceptions.Count > 0 && all.InnerExceptions.All(e => Describe(e) is not null) =>
            string.Join("; ", all.InnerExceptions.Select(Describe)),
        InvalidOperationException conversion when ConversionFailure().Match(conversion.Message) is { Success: true } failure =>
            $"{failure.Groups["key"].Value} is '{failure.Groups["value"].Value}'; expected {Accepted(failure.Groups["type"].Value)}.",
        _ => null,
    };

    private static void Check(IConfiguration config, string key, string alsoSetBy, string accepted, Func<string, bool> isValid)
    {
        if (config[key] is { Length: > 0 } value && !isValid(value))
        {
            throw new OptionsValidationException(key, typeof(IConfiguration), [$"{key} ({alsoSetBy}) is '{value}'; expected {accepted}."]);
        }
    }

    /// <summary>What Kestrel accepts: its own parser, and what it refuses only once it binds.</summary>
    private static bool IsListenUrl(string url)
    {
        try
        {
            var address = BindingAddress.Parse(url);
            return (address.Scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || address.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
                && string.IsNullOrEmpty(address.PathBase)
                && (address.IsUnixPipe || address.IsNamedPipe || address.Port is >= 0 and <= 65535);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool AreListenPorts(string ports) =>
        ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(port => int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= 65535);

    /// <summary>
    /// An options failure with the key a user sets. The generated validators write "DelayMs: The field
    /// ChatOptions.Bot.DelayMs must be ...", and each options class has its configuration section:
    /// "The field ConnectMock:Chat:Bot:DelayMs must be ...".
    /// </summary>
    private static string WithKey(Type optionsType, string failure)
    {
        var section = optionsType.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;
        var member = MemberFailure().Match(failure);
        var qualified = failure.IndexOf(optionsType.Name + ".", StringComparison.Ordinal);
        if (section is null || !member.Success || qualified < 0)
        {
            return failure;
        }

        var start = qualified + optionsType.Name.Length + 1;
        var end = start;
        while (end < failure.Length && (char.IsAsciiLetterOrDigit(failure[end]) || failure[end] is '_' or '.'))
        {
            end++;
        }

        var path = failure[start..end].TrimEnd('.');
        var key = $"{section}:{path.Replace('.', ':')}";
        return member.Groups["message"].Value.Replace($"{optionsType.Name}.{path}", key, StringComparison.Ordinal);
    }

    private static string Accepted(string typeName)
    {
        var nullable = NullableType().Match(typeName);
        var name = nullable.Success ? nullable.Groups["type"].Value : typeName;
        return name switch
        {
            "System.Int32" or "System.Int64" or "System.Int16" or "System.Byte" or "System.UInt32" or "System.UInt64" => "a whole number",
            "System.Double" or "System.Single" or "System.Decimal" => "a number",
            "System.Boolean" => "true or false",
            "System.TimeSpan" => "a duration as [days.]hours:minutes:seconds, e.g. 7.00:00:00",
            _ when typeof(ConfigurationCheck).Assembly.GetType(name) is { IsEnum: true } values => $"one of {string.Join(", ", Enum.GetNames(values))}",
            _ => $"a value of type {name}",
        };
    }

    // The configuration binder's message for a value it cannot convert (both the generated binder and the reflection one).
    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>.*)' to type '(?<type>[^']*)'\.$", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"^(?<member>[A-Za-z_][A-Za-z0-9_.]*): (?<message>.*)$", RegexOptions.Singleline)]
    private static partial Regex MemberFailure();

    [GeneratedRegex(@"^System\.Nullable`1\[\[?(?<type>[^,\]]+)")]
    private static partial Regex NullableType();
}
