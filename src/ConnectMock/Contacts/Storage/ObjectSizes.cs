using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ConnectMock.Contacts.Storage;

/// <summary>
/// The in-memory store's estimates of what the objects it keeps take: a string is 22 bytes of header plus two per
/// UTF-16 unit; an entry of a map or a list costs about 32 more. Estimates err high, never low, so that the memory
/// budget holds whatever clients send (a map of thousands of tiny attributes costs far more than its bytes).
/// </summary>
internal static class ObjectSizes
{
    private const long ObjectHeader = 24;
    private const long Entry = 32;
    private const long Container = 96;

    public static long Of(string? value) => value is null ? 0 : 22 + (2L * value.Length);

    public static long Of(IReadOnlyDictionary<string, string> map)
    {
        var bytes = Container;
        foreach (var (key, value) in map)
        {
            bytes += Entry + Of(key) + Of(value);
        }

        return bytes;
    }

    public static long Of(ChatItem item) =>
        160 + Of(item.Id) + Of(item.Content) + Of(item.ContentType) + (item.Receipts?.Receipts.Count * 64L ?? 0);

    public static long Of(ClientTokenUse use) => 80 + Of(use.Token);

    public static long Of(ChatMember member) => 96 + Of(member.DisplayName) + Of(member.Role);

    /// <summary>
    /// What an object graph takes, measured generically from its JSON form as <paramref name="info"/> writes it:
    /// every string, property and container counted as above. Any member a type gains is measured with no edit here.
    /// </summary>
    public static long OfGraph<T>(T value, JsonTypeInfo<T> info)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, value, info);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        var bytes = ObjectHeader;
        while (reader.Read())
        {
            bytes += reader.TokenType switch
            {
                JsonTokenType.StartObject or JsonTokenType.StartArray => Container,
                JsonTokenType.PropertyName => Entry + StringBytes(ref reader),
                JsonTokenType.String => Entry + StringBytes(ref reader),
                JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null => 8,
                _ => 0,
            };
        }

        return bytes;
    }

    // A string's UTF-16 length is at most its UTF-8 (escaped) length: counting the latter errs high.
    private static long StringBytes(ref Utf8JsonReader reader) =>
        22 + (2L * (reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length));
}
