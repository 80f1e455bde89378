namespace ConnectMock.Aws;

/// <summary>Told about every finished AWS call (the control plane's request journal).</summary>
internal interface IAwsCallRecorder
{
    /// <summary>How much of each request body to keep; 0 keeps none.</summary>
    int MaxBodyBytes { get; }

    void Record(HttpContext http, AwsCallInfo info, double latencyMilliseconds);
}
