namespace ConnectMock.Aws;

/// <summary>
/// For an operation whose model lacks its service's usual constraint error (GetContactAttributes has no
/// InvalidParameterException): the error that broken member constraints go out as instead.
/// </summary>
internal sealed record AwsConstraintErrorMetadata(string ErrorCode);
