using System.Text.Json;

namespace ConnectMock.Tests.Hosting;

public sealed class GarbageCollectorSettingsTests
{
    private const long Gen0MaxBudget = 4 * 1024 * 1024;

    [Theory]
    [InlineData("ConnectMock")]
    [InlineData("ConnectMock.Tool")]
    [InlineData("ConnectMock.Tests")]
    public void RuntimeConfig_CapsGen0Budget_WithWorkstationGc(string program)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, $"{program}.runtimeconfig.json")));

        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.GC.Gen0MaxBudget", out var budget), $"{program} leaves gen0's budget to the GC.");
        Assert.Equal(Gen0MaxBudget, budget.GetInt64());
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean(), $"{program} runs server GC.");
    }

    [Fact]
    public void Runtime_ReadsTheGen0BudgetUnderTheNameTheRuntimeConfigGivesIt()
    {
        // This process runs under the same runtimeconfig settings as the app: a name the runtime did not read (as
        // System.GC.Gen0Size is not) would leave the GC's default here.
        var variables = GC.GetConfigurationVariables();

        Assert.True(variables.TryGetValue("GCGen0MaxBudget", out var budget), "the runtime reports no GCGen0MaxBudget");
        Assert.Equal(Gen0MaxBudget, Convert.ToInt64(budget, System.Globalization.CultureInfo.InvariantCulture));
    }
}
