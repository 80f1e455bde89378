using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ConnectMock.ControlPlane;

/// <summary>Reads control-plane request bodies; an empty body means "all defaults", bad JSON is a plain 400.</summary>
internal static class ControlPlaneJson
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static async ValueTask<T> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> typeInfo, T empty)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length > MaxBodyBytes)
        {
            throw ControlPlaneException.BadRequest($"The body is larger than {MaxBodyBytes} bytes.");
        }

        if (buffer.Length == 0)
        {
            return empty;
        }

        try
        {
            return JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), typeInfo) ?? empty;
        }
        catch (JsonException ex)
        {
            throw ControlPlaneException.BadRequest($"The body is not valid JSON for this call: {ex.Message}");
        }
    }
}
