namespace ConnectMock.ControlPlane;

internal static class ControlPlaneErrorWriter
{
    public static Task WriteAsync(HttpContext http, int statusCode, string message, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = statusCode;
        return http.Response.WriteAsJsonAsync(
            new ControlPlaneError(message), ControlPlaneJsonContext.Default.ControlPlaneError, "application/json", cancellationToken);
    }
}
