using System.ComponentModel.DataAnnotations;

namespace ConnectMock.Hosting;

/// <summary>Console log output. Section <c>ConnectMock:Logging</c>; levels come from the <c>Serilog</c> section.</summary>
internal sealed class LoggingOptions
{
    public const string Section = "ConnectMock:Logging";

    /// <summary><c>Text</c> for people, <c>Json</c> (one compact JSON object per line) for log collectors.</summary>
    /// <remarks>Checked as a name: the binder takes a number too, and 7 would have meant Text.</remarks>
    [EnumDataType(typeof(LogFormat), ErrorMessage = "The field {0} must be Text or Json.")]
    public LogFormat Format { get; set; } = LogFormat.Text;
}
