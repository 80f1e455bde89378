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
internal sealed partial class AwsJsonContext : JsonSerializerContext;
