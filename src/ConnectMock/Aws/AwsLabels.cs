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
}
