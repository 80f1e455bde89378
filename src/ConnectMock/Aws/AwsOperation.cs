namespace ConnectMock.Aws;

/// <summary>Marks an endpoint as an AWS operation: its calls get journaled, and faults can target it by name.</summary>
internal sealed record AwsOperation(string Name);
