using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace ConnectMock.Contacts.Storage;

/// <summary>
/// A stored contact's request as bytes: what the store keeps instead of the request's objects, so that a stored
/// contact is no work for the garbage collector. Lossless: every member, nulls kept apart from empty values, and a
/// string that UTF-8 cannot carry (a lone surrogate from a JSON escape) kept as UTF-16.
/// </summary>
/// <remarks>
/// The ClientToken comes first and the ContactFlowId third, encoded exactly as <see cref="Encode"/> encodes a
/// presented one, so that the store compares them as bytes without decoding the record.
/// </remarks>
internal static class ChatRequestCodec
{
    public static void Write(IBufferWriter<byte> output, ChatRequest request, string? continuedFromContactId)
    {
        var writer = new Writer(output);
        writer.String(request.ClientToken);
        writer.String(request.InstanceId);
        writer.String(request.ContactFlowId);
        writer.String(request.DisplayName);
        writer.Map(request.Attributes, static (w, value) => w.String(value));
        writer.String(request.ResponseMode);
        writer.Present(request.InitialMessage is not null);
        if (request.InitialMessage is { } message)
        {
            writer.String(message.ContentType);
            writer.String(message.Content);
        }

        writer.Int(request.ChatDurationInMinutes);
        writer.List(request.SupportedMessagingContentTypes, static (w, value) => w.String(value));
        writer.Present(request.PersistentChat is not null);
        if (request.PersistentChat is { } persistent)
        {
            writer.String(persistent.RehydrationType);
            writer.String(persistent.SourceContactId);
        }

        writer.String(request.RelatedContactId);
        writer.Map(request.SegmentAttributes, WriteSegmentValue);
        writer.String(request.CustomerId);
        writer.List(request.DisconnectOnCustomerExit, static (w, value) => w.String(value));
        writer.String(continuedFromContactId);
    }

    public static (ChatRequest Request, string? ContinuedFromContactId) Read(ReadOnlySpan<byte> record)
    {
        var reader = new Reader(record);
        var clientToken = reader.String();
        var instanceId = SharedValues.Share(reader.String()!);
        var contactFlowId = SharedValues.Share(reader.String()!);
        var displayName = reader.String()!;
        var attributes = reader.Map(static (ref Reader r) => r.String()!);
        var responseMode = reader.String() is { } mode ? SharedValues.Share(mode) : null;
        var initialMessage = reader.Present() ? new ChatMessageContent(SharedValues.Share(reader.String()!), reader.String()!) : null;
        var duration = reader.Int();
        var contentTypes = reader.SharedList();
        var persistent = reader.Present() ? new PersistentChatSource(SharedValues.Share(reader.String()!), reader.String()!) : null;
        var relatedContactId = reader.String();
        var segments = reader.Map(ReadSegmentValue);
        var customerId = reader.String();
        var disconnectOn = reader.SharedList();
        var continuedFrom = reader.String();
        var request = new ChatRequest(
            instanceId, contactFlowId, displayName, clientToken, attributes, responseMode, initialMessage, duration, contentTypes,
            persistent, relatedContactId, segments, customerId, disconnectOn);
        return (request, continuedFrom);
    }

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
    public static ReadOnlySpan<byte> ContactFlowId(ReadOnlySpan<byte> record) => Encoded(record, 2);

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

    private static void WriteSegmentValue(Writer writer, SegmentValue value)
    {
        writer.String(value.ValueString);
        writer.Map(value.ValueMap, WriteSegmentValue);
        writer.Int(value.ValueInteger);
        writer.List(value.ValueList, WriteSegmentValue);
        writer.String(value.ValueArn);
    }

    private static SegmentValue ReadSegmentValue(ref Reader reader) =>
        new(reader.String(), reader.Map(ReadSegmentValue), reader.Int(), reader.List(ReadSegmentValue), reader.String());

    private readonly struct Writer(IBufferWriter<byte> output)
    {
        public void String(string? value)
        {
            if (value is null)
            {
                Varint(0);
                return;
            }

            var span = output.GetSpan(MaxEncodedBytes(value.Length));
            var writer = new SpanWriter(span);
            writer.String(value);
            output.Advance(writer.Written);
        }

        public void Present(bool present) => Varint(present ? 1UL : 0UL);

        public void Int(int? value)
        {
            var span = output.GetSpan(5);
            span[0] = value is null ? (byte)0 : (byte)1;
            BinaryPrimitives.WriteInt32LittleEndian(span[1..], value ?? 0);
            output.Advance(5);
        }

        public void List<T>(IReadOnlyList<T>? list, Action<Writer, T> item)
        {
            Varint(list is null ? 0 : 1 + (ulong)list.Count);
            foreach (var value in list ?? [])
            {
                item(this, value);
            }
        }

        public void Map<T>(IReadOnlyDictionary<string, T>? map, Action<Writer, T> item)
        {
            Varint(map is null ? 0 : 1 + (ulong)map.Count);
            if (map is null)
            {
                return;
            }

            foreach (var (key, value) in map)
            {
                String(key);
                item(this, value);
            }
        }

        private void Varint(ulong value)
        {
            var span = output.GetSpan(10);
            var writer = new SpanWriter(span);
            writer.Varint(value);
            output.Advance(writer.Written);
        }
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

    private delegate T ReadItem<out T>(ref Reader reader);

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

        public bool Present() => Varint() == 1;

        public int? Int()
        {
            var present = _input[Position] == 1;
            var value = BinaryPrimitives.ReadInt32LittleEndian(_input[(Position + 1)..]);
            Position += 5;
            return present ? value : null;
        }

        public IReadOnlyList<string>? SharedList()
        {
            var count = Varint();
            if (count == 0)
            {
                return null;
            }

            var values = new List<string?>((int)count - 1);
            for (var i = 1UL; i < count; i++)
            {
                values.Add(String());
            }

            return SharedValues.Share(values);
        }

        public T[]? List<T>(ReadItem<T> item)
        {
            var count = Varint();
            if (count == 0)
            {
                return null;
            }

            var values = new T[(int)count - 1];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = item(ref this);
            }

            return values;
        }

        public Dictionary<string, T>? Map<T>(ReadItem<T> item)
        {
            var count = Varint();
            if (count == 0)
            {
                return null;
            }

            var map = new Dictionary<string, T>((int)count - 1, StringComparer.Ordinal);
            for (var i = 1UL; i < count; i++)
            {
                var key = SharedValues.Share(String()!);
                map.Add(key, item(ref this));
            }

            return map;
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
