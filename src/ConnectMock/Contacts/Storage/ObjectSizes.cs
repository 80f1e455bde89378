using System.Buffers;
using System.Text.Json;

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

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _json;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    /// <summary>An agent or queue assignment of a contact: its object, its time and the reference to its id.</summary>
    public const long Assignment = 64;

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
        (item.RelatedContactId is null ? 160 : 184) + Of(item.Id) + Of(item.Content) + Of(item.ContentType) + (item.Receipts?.Receipts.Count * 64L ?? 0)
        + (item.Attachments?.Sum(a => 64 + Of(a.AttachmentId) + Of(a.AttachmentName) + Of(a.ContentType)) ?? 0)
        + (item.Chunk is null ? 0 : 32);

    public static long Of(ClientTokenUse use) => 80 + Of(use.Token);

    /// <summary>A contact's participant timers: one object of four nullable numbers.</summary>
    public const long ParticipantTimers = ObjectHeader + (4 * 8);

    // The fields of an added participant (secret, ClientToken, time added) are in every member's object.
    public static long Of(ChatMember member) => 176 + Of(member.DisplayName) + Of(member.Role) + Of(member.ClientToken);

    /// <summary>
    /// What a request's objects take, measured generically from its JSON form (<see cref="ChatRequestJson"/>) rather
    /// than from a list of its members: every string, property and container counted as above, so a member the
    /// request gains is measured with no edit here.
    /// </summary>
    public static long Of(ChatRequest request)
    {
        var json = _json ??= new ArrayBufferWriter<byte>(1024);
        json.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(json);
        writer.Reset(json);
        JsonSerializer.Serialize(writer, request, ChatRequestJson.Default.ChatRequest);
        var reader = new Utf8JsonReader(json.WrittenSpan);
        var bytes = ObjectHeader;
        while (reader.Read())
        {
            bytes += reader.TokenType switch
            {
                JsonTokenType.StartObject or JsonTokenType.StartArray => Container,
                JsonTokenType.PropertyName or JsonTokenType.String => Entry + StringBytes(ref reader),
                JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null => 8,
                _ => 0,
            };
        }

        if (json.Capacity > 256 * 1024)
        {
            (_json, _writer) = (null, null); // not kept for the thread's life after a very large request
        }

        return bytes;
    }

    // A string's UTF-16 length is at most its UTF-8 (escaped) length: counting the latter errs high.
    private static long StringBytes(ref Utf8JsonReader reader) =>
        22 + (2L * (reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length));
}
