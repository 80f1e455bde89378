namespace ConnectMock.Aws;

/// <summary>An AWS error name and the HTTP status its <c>httpError</c> trait gives.</summary>
internal sealed record AwsErrorShape(string Name, int StatusCode);
