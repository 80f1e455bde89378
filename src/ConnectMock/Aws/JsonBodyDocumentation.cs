namespace ConnectMock.Aws;

internal static class JsonBodyDocumentation
{
    /// <summary>
    /// Documents the JSON body. Unlike <c>Accepts&lt;T&gt;()</c> it does not make routing refuse other content types:
    /// those must reach the endpoint and get a proper error, not a 415 or a fall through to another route.
    /// </summary>
    public static RouteHandlerBuilder DocumentsJsonBody<TRequest>(this RouteHandlerBuilder builder, IReadOnlyDictionary<string, object> examples) =>
        builder.WithMetadata(new JsonBodyMetadata(typeof(TRequest), examples));
}
