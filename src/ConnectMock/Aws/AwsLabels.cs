namespace ConnectMock.Aws;

/// <summary>URI labels (path members) of restJson1 operations.</summary>
internal static class AwsLabels
{
    /// <summary>
    /// The value of a label. SDKs percent-encode labels per segment; ASP.NET Core decodes every escape in a route
    /// value except <c>%2F</c>, so an id containing '/' would otherwise arrive still encoded.
    /// </summary>
    public static string Get(HttpContext http, string name) =>
        (http.Request.RouteValues[name] as string ?? "").Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The <c>InstanceId</c> label, kept in the call's info for the journal and the request log as a body's
    /// InstanceId is (see <see cref="IInstanceRequest"/>).
    /// </summary>
    public static string InstanceId(HttpContext http)
    {
        var value = Get(http, nameof(IInstanceRequest.InstanceId));
        if (AwsCallInfo.Of(http) is { } call)
        {
            call.InstanceId = AwsCallInfo.Clip(value, AwsCallInfo.MaxInstanceIdLength);
        }

        return value;
    }
}
