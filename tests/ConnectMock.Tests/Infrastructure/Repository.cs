namespace ConnectMock.Tests.Infrastructure;

/// <summary>The checkout the tests were built from, for tests that read its committed files.</summary>
internal static class Repository
{
    /// <summary>The directory that holds ConnectMock.sln, found upwards from the test output.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ConnectMock.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ConnectMock.sln not found above the test output.");
    }
}
