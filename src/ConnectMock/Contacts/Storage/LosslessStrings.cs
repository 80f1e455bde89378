using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CommunityToolkit.HighPerformance.Buffers;

namespace ConnectMock.Contacts.Storage;

/// <summary>
/// Strings in a stored record's JSON, kept exactly: a lone surrogate (which System.Text.Json's writer would turn into
/// U+FFFD) is written as U+FFFF and its four hex digits, and U+FFFF itself, a noncharacter, as two of them. Text
/// without either, nearly all of it, is written and read as it is.
/// </summary>
/// <remarks>
/// Short strings are read through a bounded pool: stored contacts repeat the same values one after another (the
/// instance, the flow, the content types, often a display name), and a contact read back for every open chat would
/// otherwise hold its own copy of each.
/// </remarks>
internal sealed class LosslessStrings : JsonConverter<string>
{
    private const char Escape = '\uFFFF';

    // A pooled string is at most this long in UTF-8, so that the pool's whole size stays small whatever is stored.
    private const int PooledMaxBytes = 128;

    private static readonly StringPool Pool = new(1024);

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadString(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(Escaped(value));

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadString(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(Escaped(value));

    private static string ReadString(ref Utf8JsonReader reader)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped && reader.ValueSpan.Length <= PooledMaxBytes
            && reader.ValueSpan.IndexOf("\uFFFF"u8) < 0)
        {
            return Pool.GetOrAdd(reader.ValueSpan, Encoding.UTF8);
        }

        return Unescape(reader.GetString()!);
    }

    private static string Escaped(string value)
    {
        var span = value.AsSpan();
        if (span.IndexOfAnyInRange('\uD800', '\uDFFF') < 0 && !span.Contains(Escape))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 8);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                escaped.Append(c).Append(span[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                escaped.Append(Escape).Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else if (c == Escape)
            {
                escaped.Append(Escape).Append(Escape);
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static string Unescape(string value)
    {
        if (!value.Contains(Escape))
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != Escape)
            {
                text.Append(value[i]);
            }
            else if (value[i + 1] == Escape)
            {
                text.Append(Escape);
                i++;
            }
            else
            {
                text.Append((char)int.Parse(value.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 4;
            }
        }

        return text.ToString();
    }
}
