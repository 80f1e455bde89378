using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using CommunityToolkit.HighPerformance.Buffers;

namespace ConnectMock.Contacts.Storage;

/// <summary>
/// A stored contact's request as bytes: what the store keeps instead of the request's objects, so that a stored
/// contact is no work for the garbage collector. A small prefix (the ClientToken, the ContactFlowId, the contact it
/// continues from) and then the request's JSON (<see cref="ChatRequestJson"/>), so that every member of the record is
/// kept without being listed here. Lossless: nulls kept apart from empty values, and a string that UTF-8 cannot carry
/// (a lone surrogate) kept through <see cref="LosslessStrings"/>.
/// </summary>
/// <remarks>
/// The prefix's strings are encoded exactly as <see cref="Encode"/> encodes a presented one, so that the store
/// compares them as bytes without decoding the record.
/// </remarks>
internal static class ChatRequestCodec
{
    private static readonly JsonTypeInfo<ChatRequest> Json = (JsonTypeInfo<ChatRequest>)new JsonSerializerOptions(ChatRequestJson.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // stored, never shown: no need to escape HTML or non-ASCII
        Converters = { new LosslessStrings() },
    }.GetTypeInfo(typeof(ChatRequest));

    private static readonly ArrayBufferWriter<byte> NoOutput = new(1);

    // See Shared: the deployment's values of a stored request, kept once.
    private const int SharedMaxLength = 128;

    private static readonly StringPool SharedValues = new(1024);

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    public static void Write(IBufferWriter<byte> output, ChatRequest request, string? continuedFromContactId)
    {
        Prefix(output, request.ClientToken);
        Prefix(output, request.ContactFlowId);
        Prefix(output, continuedFromContactId);
        var writer = _writer ??= new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = Json.Options.Encoder, SkipValidation = true });
        writer.Reset(output);
        JsonSerializer.Serialize(writer, request, Json);
        writer.Reset(NoOutput); // no reference to the store's buffer kept
    }

    public static (ChatRequest Request, string? ContinuedFromContactId) Read(ReadOnlySpan<byte> record)
    {
        var reader = new Reader(record);
        reader.Skip();
        reader.Skip();
        var continuedFrom = reader.String();
        return (Shared(JsonSerializer.Deserialize(record[reader.Position..], Json)!), continuedFrom);
    }

    /// <summary>
    /// The request with the values contacts repeat one after another kept once: every open chat's contact is read back
    /// from its record, and each held its own instance id, flow id and content types. Only values that are the
    /// deployment's, not a customer's data: a display name, an attribute or a message stays the contact's own, and goes
    /// with it (the pool outlives the contacts and the store's resets). The pool is bounded (CommunityToolkit's
    /// <see cref="StringPool"/>, which evicts the least used) and takes values of at most
    /// <see cref="SharedMaxLength"/> characters, so it stays small whatever clients send.
    /// </summary>
    private static ChatRequest Shared(ChatRequest request) => request with
    {
        InstanceId = SharedValue(request.InstanceId),
        ContactFlowId = SharedValue(request.ContactFlowId),
        SupportedMessagingContentTypes = request.SupportedMessagingContentTypes is { } types ? types.Select(SharedValue).ToArray() : null,
    };

    private static string SharedValue(string value) => value.Length <= SharedMaxLength ? SharedValues.GetOrAdd(value) : value;

    /// <summary>
    /// A string as a record holds it (the ClientToken, the ContactFlowId), for comparing with a record's bytes:
    /// <paramref name="output"/> must hold <see cref="MaxEncodedBytes"/>.
    /// </summary>
    public static int Encode(string value, Span<byte> output)
    {
        var writer = new SpanWriter(output);
        writer.String(value);
        return writer.Written;
    }

    /// <summary>The most bytes <see cref="Encode"/> writes for a string of <paramref name="length"/> UTF-16 units.</summary>
    public static int MaxEncodedBytes(int length) => 5 + (3 * length);

    /// <summary>The encoded ClientToken at the start of a record (one zero byte when it has none).</summary>
    public static ReadOnlySpan<byte> Token(ReadOnlySpan<byte> record) => Encoded(record, 0);

    /// <summary>The encoded ContactFlowId of a record.</summary>
    public static ReadOnlySpan<byte> ContactFlowId(ReadOnlySpan<byte> record) => Encoded(record, 1);

    private static ReadOnlySpan<byte> Encoded(ReadOnlySpan<byte> record, int field)
    {
        var reader = new Reader(record);
        for (var i = 0; i < field; i++)
        {
            reader.Skip();
        }

        var start = reader.Position;
        reader.Skip();
        return record[start..reader.Position];
    }

    private static void Prefix(IBufferWriter<byte> output, string? value)
    {
        var span = output.GetSpan(value is null ? 1 : MaxEncodedBytes(value.Length));
        var writer = new SpanWriter(span);
        if (value is null)
        {
            writer.Varint(0);
        }
        else
        {
            writer.String(value);
        }

        output.Advance(writer.Written);
    }

    private ref struct SpanWriter(Span<byte> output)
    {
        private readonly Span<byte> _output = output;

        public int Written { get; private set; }

        /// <summary>A varint header (0 is null, else 1 + (byte length &lt;&lt; 1 | 1 when UTF-16)), then the bytes.</summary>
        public void String(string value)
        {
            // Room for the header first; the header's size depends on the length, so the text goes after the
            // largest header and moves back when a shorter one suffices.
            const int MaxHeader = 5;
            var text = _output[(Written + MaxHeader)..];
            var utf16 = Utf8.FromUtf16(value, text, out _, out var length, replaceInvalidSequences: false) != OperationStatus.Done;
            if (utf16)
            {
                length = value.Length * 2;
                MemoryMarshal.AsBytes(value.AsSpan()).CopyTo(text);
            }

            Varint(1 + (((ulong)length << 1) | (utf16 ? 1UL : 0UL)));
            text[..length].CopyTo(_output[Written..]);
            Written += length;
        }

        public void Varint(ulong value)
        {
            while (value >= 0x80)
            {
                _output[Written++] = (byte)(value | 0x80);
                value >>= 7;
            }

            _output[Written++] = (byte)value;
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> input)
    {
        private readonly ReadOnlySpan<byte> _input = input;

        public int Position { get; private set; }

        public string? String()
        {
            var header = Varint();
            if (header == 0)
            {
                return null;
            }

            var length = (int)((header - 1) >> 1);
            var bytes = _input.Slice(Position, length);
            Position += length;
            return ((header - 1) & 1) == 0 ? Encoding.UTF8.GetString(bytes) : new string(MemoryMarshal.Cast<byte, char>(bytes));
        }

        public void Skip()
        {
            var header = Varint();
            Position += header == 0 ? 0 : (int)((header - 1) >> 1);
        }

        private ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = _input[Position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }
    }
}
