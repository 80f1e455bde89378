using System.Text.Json.Serialization;

namespace ConnectMock.Aws;

/// <summary>
/// The restJson1 error body. JS v3 and botocore read the name from the header first, .NET from <c>__type</c>
/// first, so header and body always carry the same bare name.
/// </summary>
internal sealed record AwsErrorBody([property: JsonPropertyName("__type")] string Type, string Message);
