using System.Text.Json;

namespace ConnectMock.Tests.Hosting;

public sealed class GlobalizationTests
{
    [Theory]
    [InlineData("ConnectMock")]
    [InlineData("ConnectMock.Tests")]
    public void Runtime_UsesInvariantGlobalization_InTheAppAndInTheTestsThatHostIt(string program)
    {
        // The tests run the app in their own process: a mode set for the app alone would test it under another.
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, $"{program}.runtimeconfig.json")));

        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.Globalization.Invariant", out var invariant) && invariant.GetBoolean(),
            $"{program} does not run with InvariantGlobalization (set once, in Directory.Build.props).");
    }
}
