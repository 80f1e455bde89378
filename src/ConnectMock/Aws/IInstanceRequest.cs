namespace ConnectMock.Aws;

/// <summary>Implemented by request shapes that name a Connect instance.</summary>
internal interface IInstanceRequest
{
    string? InstanceId { get; }
}
