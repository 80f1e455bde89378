using System.Globalization;
using ConnectMock.Testing;

namespace ConnectMock.Tool;

/// <summary>
/// The tool's command line turned into the app's: <c>--port</c> and <c>--host</c> become <c>--urls</c>, each setting's
/// flag (<c>--journal-capacity 10</c>) becomes its configuration key, and anything else (<c>--urls</c>,
/// <c>--ConnectMock:Chat:Bot:Templates:menu=...</c>) goes to the app as it is, which reads it as configuration.
/// </summary>
internal static class ToolArguments
{
    public const string DefaultHost = "localhost";

    private static readonly Dictionary<string, ConnectMockSetting> ByFlag =
        ConnectMockSettings.All.ToDictionary(s => s.Flag, StringComparer.OrdinalIgnoreCase);

    public static bool WantsHelp(IEnumerable<string> args) => args.Any(a => a is "--help" or "-h" or "-?" or "help");

    /// <summary>The app's arguments for the tool's; a flag without its value is an <see cref="ArgumentException"/> naming it.</summary>
    public static IReadOnlyList<string> Translate(IReadOnlyList<string> args)
    {
        var translated = new List<string>();
        string? port = null;
        var host = DefaultHost;
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inlineValue) = Split(args[i]);
            string Value() => inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{flag} needs a value."));
            switch (flag)
            {
                case "--port":
                    port = Value();
                    if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535)
                    {
                        throw new ArgumentException($"--port is '{port}'; expected a port number from 0 to 65535.");
                    }

                    break;
                case "--host":
                    host = Value();
                    break;
                default:
                    if (ByFlag.TryGetValue(flag, out var setting))
                    {
                        translated.Add($"--{setting.Key}={Value()}");
                    }
                    else
                    {
                        translated.Add(args[i]);
                    }

                    break;
            }
        }

        if (port is not null)
        {
            translated.Insert(0, $"--urls=http://{host}:{port}");
        }
        else if (host != DefaultHost)
        {
            translated.Insert(0, $"--urls=http://{host}:8080");
        }

        return translated;
    }

    public static string Help()
    {
        var help = new System.Text.StringBuilder();
        help.AppendLine("connectmock: a local, wire-compatible fake of the Amazon Connect chat API.");
        help.AppendLine();
        help.AppendLine("Usage: connectmock [--port 8080] [--host localhost] [setting flags] [--Key=value ...]");
        help.AppendLine();
        help.AppendLine("  --port <port>      where to listen (default 8080; 0 takes a free port)");
        help.AppendLine("  --host <host>      the address to listen on (default localhost; 0.0.0.0 for every interface)");
        help.AppendLine("  --urls <urls>      listen URLs, as ASPNETCORE_URLS (instead of --port and --host)");
        help.AppendLine("  --healthcheck [url]  ask a running ConnectMock's /health; exit 0 when healthy");
        help.AppendLine("  --help             this text");
        help.AppendLine();
        help.AppendLine("Settings (flag, environment variable, default):");
        foreach (var setting in ConnectMockSettings.All)
        {
            help.AppendLine(CultureInfo.InvariantCulture, $"  {setting.Flag} <value>");
            help.AppendLine(CultureInfo.InvariantCulture, $"      {setting.EnvironmentVariable}, default {setting.Default ?? "none"}: {setting.Description}");
        }

        help.AppendLine();
        help.AppendLine("Lists and maps take their configuration key: --ConnectMock:Resources:Instances:0:Id=<id>,");
        help.AppendLine("--ConnectMock:ControlPlane:AllowedHosts:0=<host>, --ConnectMock:Chat:Bot:Templates:<keyword>=<json>.");
        help.AppendLine("Every key and its limits: docs/configuration.md.");
        return help.ToString();
    }

    private static (string Flag, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
