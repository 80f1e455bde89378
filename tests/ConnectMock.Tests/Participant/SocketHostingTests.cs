using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant;

/// <summary>The socket settings, in the built app on Kestrel.</summary>
public sealed class SocketHostingTests
{
    [Theory]
    [InlineData("ConnectMock__Chat__CloseHandshakeTimeout", "00:00:00", "CloseHandshakeTimeout")]
    [InlineData("ConnectMock__Chat__CloseHandshakeTimeout", "soon", "ConnectMock:Chat:CloseHandshakeTimeout")]
    [InlineData("ConnectMock__Chat__MaxSocketsPerParticipant", "0", "MaxSocketsPerParticipant")]
    [InlineData("ConnectMock__Chat__MaxOpenSockets", "0", "MaxOpenSockets")]
    public async Task Start_WithAnInvalidSocketSetting_StopsWithAMessageNamingIt(string variable, string value, string named)
    {
        await using var app = AppProcess.Start(new Dictionary<string, string> { [variable] = value });

        Assert.True(await app.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the process should stop by itself");
        Assert.NotEqual(0, app.ExitCode);
        Assert.Contains(app.Output, line => line.Contains(named, StringComparison.Ordinal));
    }
}
