namespace ConnectMock.Hosting;

/// <summary>Console log output. Section <c>ConnectMock:Logging</c>; levels come from the <c>Serilog</c> section.</summary>
public sealed class LoggingOptions
{
    public const string Section = "ConnectMock:Logging";

    /// <summary><c>Text</c> for people, <c>Json</c> (one compact JSON object per line) for log collectors.</summary>
    public LogFormat Format { get; set; } = LogFormat.Text;
}

public enum LogFormat
{
    Text,
    Json,
}
