using System.Buffers;
using System.Text.Json;

namespace ConnectMock.Contacts;

/// <summary>Approximate managed sizes: a string is 22 bytes of header plus two per UTF-16 unit; entries cost about 32 more.</summary>
internal static class Size
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _json;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    /// <summary>
    /// The objects of a request, from its JSON rather than a list of its members: each string its size and a
    /// reference, each map entry (any member, so an upper bound) 32 bytes more, each object or list 64.
    /// </summary>
    public static long Of(ChatRequest request)
    {
        var json = _json ??= new ArrayBufferWriter<byte>(1024);
        json.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(json);
        writer.Reset(json);
        JsonSerializer.Serialize(writer, request, ChatRequestJson.Default.ChatRequest);
        long bytes = 0;
        var reader = new Utf8JsonReader(json.WrittenSpan);
        while (reader.Read())
        {
            bytes += reader.TokenType switch
            {
                JsonTokenType.StartObject or JsonTokenType.StartArray => 64,
                JsonTokenType.PropertyName => 32 + 22 + (2L * reader.ValueSpan.Length),
                JsonTokenType.String => 8 + 22 + (2L * reader.ValueSpan.Length),
                JsonTokenType.EndObject or JsonTokenType.EndArray => 0,
                _ => 8,
            };
        }

        if (json.Capacity > 256 * 1024)
        {
            (_json, _writer) = (null, null); // not kept for the thread's life after a very large request
        }

        return bytes;
    }

    public static long Of(string? value) => value is null ? 0 : 22 + (2L * value.Length);

    public static long Of<T>(IReadOnlyList<T>? list, Func<T, long> item)
    {
        if (list is null)
        {
            return 0;
        }

        long bytes = 64;
        foreach (var value in list)
        {
            bytes += 8 + item(value);
        }

        return bytes;
    }

    public static long Of<T>(IReadOnlyDictionary<string, T>? map, Func<T, long> value)
    {
        if (map is null)
        {
            return 0;
        }

        long bytes = 96;
        foreach (var (key, item) in map)
        {
            bytes += 32 + Of(key) + value(item);
        }

        return bytes;
    }
}
