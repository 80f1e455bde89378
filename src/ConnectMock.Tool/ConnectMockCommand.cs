using System.Reflection;

namespace ConnectMock.Tool;

/// <summary>
/// The connectmock command. A named class rather than top-level statements: the app's own Program stays the only
/// global Program in a test project that references both.
/// </summary>
internal static class ConnectMockCommand
{
    public static async Task<int> Main(string[] args)
    {
        if (ToolArguments.WantsHelp(args))
        {
            await Console.Out.WriteAsync(ToolArguments.Help());
            return 0;
        }

        IReadOnlyList<string> appArgs;
        try
        {
            appArgs = ToolArguments.Translate(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"connectmock: {ex.Message} See connectmock --help.");
            return 2;
        }

        // The app's own entry point, unchanged: the same configuration checks, exit codes, logging and shutdown as
        // the container and dotnet run. Its appsettings.json is in this tool's folder, the app's content root.
        var entryPoint = Assembly.Load("ConnectMock").EntryPoint
            ?? throw new InvalidOperationException("ConnectMock.dll has no entry point.");
        return entryPoint.Invoke(null, [appArgs.ToArray()]) switch
        {
            Task<int> running => await running,
            int exitCode => exitCode,
            _ => 0,
        };
    }
}
