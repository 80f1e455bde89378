using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ConnectMock.ControlPlane;

/// <summary>Reads control-plane request bodies; an empty body means "all defaults", bad JSON is a plain 400.</summary>
internal static class ControlPlaneJson
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static ValueTask<T> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> typeInfo, T empty) =>
        ReadAsync(http, typeInfo, empty, MaxBodyBytes);

    public static async ValueTask<T> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> typeInfo, T empty, long maxBodyBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            // Stop reading as soon as the limit is passed, rather than after buffering whatever the client sends.
            if (buffer.Length + read > maxBodyBytes)
            {
                throw ControlPlaneException.BadRequest($"The body is larger than {maxBodyBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
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
            // The path and position only: the serializer's own text names .NET types.
            throw ControlPlaneException.BadRequest(
                $"The body is not valid JSON for this call: check the value at {ex.Path ?? "$"} (line {(ex.LineNumber ?? 0) + 1}).");
        }
    }
}
