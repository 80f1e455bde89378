using System.ComponentModel.DataAnnotations;

namespace ConnectMock.Aws;

/// <summary>Protocol limits of the AWS-facing API. Section <c>ConnectMock:Api</c>.</summary>
internal sealed class AwsApiOptions
{
    public const string Section = "ConnectMock:Api";

    /// <summary>
    /// The largest accepted request body. The biggest valid StartChatContact is well under 200 KB
    /// (32 KB of attributes, a 16,384-character message), so the default refuses only abuse.
    /// </summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
