using ConnectMock.Hosting;

namespace ConnectMock.Tests.Hosting;

public sealed class StartupWarmupTests
{
    [Fact]
    public void Run_ValidatesARequestThatPassesEveryRule()
    {
        // A request that failed early would leave later rules, and their first-use costs, to the first real request.
        // The result is the warm-up's own: of the request it wrote and read back through the JSON metadata.
        var result = StartupWarmup.Run();

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.ErrorMessage)));
    }
}
