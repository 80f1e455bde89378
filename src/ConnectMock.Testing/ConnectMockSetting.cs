namespace ConnectMock.Testing;

/// <summary>One configuration key of ConnectMock, what it means and its default (docs/configuration.md).</summary>
/// <param name="Key">The configuration key, e.g. <c>ConnectMock:Journal:Capacity</c>.</param>
/// <param name="Default">The default, as text; null when there is none.</param>
/// <param name="Description">What it does and what it accepts.</param>
public sealed record ConnectMockSetting(string Key, string? Default, string Description)
{
    /// <summary>The environment variable that sets it: <c>ConnectMock__Journal__Capacity</c>.</summary>
    public string EnvironmentVariable => Key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>
    /// The command-line flag of the <c>connectmock</c> tool: the key without its <c>ConnectMock:</c> prefix, in
    /// kebab case (<c>--journal-capacity</c>); Serilog's level is <c>--log-level</c>.
    /// </summary>
    public string Flag => "--" + (Key == ConnectMockSettings.LogLevel ? "log-level" : Kebab(Key.StartsWith("ConnectMock:", StringComparison.Ordinal) ? Key["ConnectMock:".Length..] : Key));

    private static string Kebab(string key)
    {
        var flag = new System.Text.StringBuilder();
        foreach (var c in key)
        {
            if (c == ':')
            {
                flag.Append('-');
            }
            else if (char.IsUpper(c))
            {
                if (flag.Length > 0 && flag[^1] != '-')
                {
                    flag.Append('-');
                }

                flag.Append(char.ToLowerInvariant(c));
            }
            else
            {
                flag.Append(c);
            }
        }

        return flag.ToString();
    }
}
