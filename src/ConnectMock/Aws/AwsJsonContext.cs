using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnectMock.Aws;

/// <summary>
/// Serialization settings shared by every AWS-facing JSON payload: member names exactly as declared (restJson1
/// is case-sensitive and PascalCase for Connect), nulls left out, and no coercion of strings into numbers.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    PropertyNameCaseInsensitive = false,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AwsErrorBody))]
internal sealed partial class AwsJsonContext : JsonSerializerContext
{
    /// <summary>
    /// AWS writes quotes and apostrophes in its JSON as they are ('instanceId'), where System.Text.Json's default
    /// escapes them (\u0027instanceId\u0027) for the sake of HTML pages. These are API responses read by SDKs, never
    /// embedded in HTML, so the relaxed encoder gives the same text AWS sends.
    /// </summary>
    public static readonly JavaScriptEncoder WireEncoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static AwsJsonContext? _wire;

    /// <summary>
    /// This context with <see cref="WireEncoder"/>. Made on first use: the order in which static initializers of
    /// the generated and the hand-written parts of a partial class run is not defined.
    /// </summary>
    public static AwsJsonContext Wire => _wire ??= new(new JsonSerializerOptions(Default.Options) { Encoder = WireEncoder });
}
