using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnectMock.Contacts.Storage;

/// <summary>
/// Strings in a stored record's JSON, kept exactly: a lone surrogate (which System.Text.Json's writer would turn into
/// U+FFFD) is written as U+FFFF and its four hex digits, and U+FFFF itself, a noncharacter, as two of them. Text
/// without either, nearly all of it, is written and read as it is.
/// </summary>
internal sealed class LosslessStrings : JsonConverter<string>
{
    private const char Escape = '\uFFFF';

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Unescape(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(Escaped(value));

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Unescape(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(Escaped(value));

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
