using System.Text.RegularExpressions;
using ConnectMock.Testing;
using ConnectMock.Tests.Infrastructure;
using ConnectMock.Tool;

namespace ConnectMock.Tests.Testing;

/// <summary>The connectmock tool's command line, and the settings table it and the in-process server share.</summary>
public sealed partial class ToolArgumentsTests
{
    [Fact]
    public void Port_host_and_setting_flags_become_the_apps_arguments_and_the_rest_passes_through()
    {
        var translated = ToolArguments.Translate(
            ["--port", "9090", "--journal-capacity", "5", "--chat-bot-enabled=true", "--log-level", "Debug", "--ConnectMock:Chat:Bot:Templates:menu={}"]);

        Assert.Equal(
            ["--urls=http://localhost:9090", "--ConnectMock:Journal:Capacity=5", "--ConnectMock:Chat:Bot:Enabled=true",
             "--Serilog:MinimumLevel:Default=Debug", "--ConnectMock:Chat:Bot:Templates:menu={}"],
            translated);
        Assert.Equal(["--urls=http://0.0.0.0:8080"], ToolArguments.Translate(["--host", "0.0.0.0"]));
    }

    [Theory]
    [InlineData("--port", "--port needs a value.")]
    [InlineData("--port=http", "--port is 'http'; expected a port number from 0 to 65535.")]
    [InlineData("--port=70000", "--port is '70000'; expected a port number from 0 to 65535.")]
    [InlineData("--store-max-contacts", "--store-max-contacts needs a value.")]
    public void A_bad_flag_is_refused_naming_it(string arg, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => ToolArguments.Translate([arg])).Message);

    [Fact]
    public void Help_lists_every_setting_with_its_flag_and_environment_variable()
    {
        var help = ToolArguments.Help();

        Assert.True(ToolArguments.WantsHelp(["--help"]));
        foreach (var setting in ConnectMockSettings.All)
        {
            Assert.Contains($"  {setting.Flag} <value>", help, StringComparison.Ordinal);
            Assert.Contains(setting.EnvironmentVariable, help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_settings_table_has_every_key_of_the_configuration_page_and_no_other()
    {
        var page = File.ReadAllText(Path.Combine(Repository.Root, "docs", "configuration.md"));
        var documented = DocumentedKey().Matches(page).Select(m => m.Groups["key"].Value)
            .Where(k => !k.Contains(":0", StringComparison.Ordinal) && !k.Contains('<', StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        // Keys the page names in a row's parentheses ("and DisplayName, Greeting...") are in the table by their full key.
        var table = ConnectMockSettings.All.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(documented.Except(table));
        Assert.DoesNotContain(table, key => !page.Contains(key.Split(':')[^1], StringComparison.Ordinal));
        Assert.Equal(table.Count, ConnectMockSettings.All.Select(s => s.Flag).Distinct().Count());
    }

    [GeneratedRegex(@"^\| `(?<key>(ConnectMock|Serilog):[^`]+)`", RegexOptions.Multiline)]
    private static partial Regex DocumentedKey();
}
