namespace ConnectMock.Aws;

/// <summary>The modeled errors an operation can return, for its OpenAPI description.</summary>
internal sealed record AwsErrorsMetadata(IReadOnlyList<string> ErrorCodes);
