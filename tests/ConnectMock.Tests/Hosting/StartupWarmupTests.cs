using ConnectMock.Connect;
using ConnectMock.Hosting;

namespace ConnectMock.Tests.Hosting;

public sealed class StartupWarmupTests
{
    [Fact]
    public void Run_ValidatesARequestThatPassesEveryRule()
    {
        // A request that failed early would leave later rules, and their first-use costs, to the first real request.
        StartupWarmup.Run();

        Assert.True(new StartChatContactRequestValidator().Validate(StartChatContactExamples.Full).IsValid);
    }
}
