using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ConnectMock.ControlPlane;

/// <summary>
/// Text a client sent, as the control plane shows it: readable by any JSON client and faithful to what was sent.
/// A lone surrogate (which a JSON escape such as <c>\ud800</c> can carry into a .NET string) cannot be written as
/// JSON text: System.Text.Json's encoder turns it into U+FFFD, and a reader that unescapes it throws. It is shown
/// instead as the six characters of its escape, <c>\uD800</c>.
/// </summary>
internal static class ClientText
{
    public static string Show(string value)
    {
        var span = value.AsSpan();
        if (span.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return value;
        }

        var shown = new StringBuilder(value.Length + 8);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                shown.Append(c).Append(span[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                shown.Append(c);
            }
        }

        return shown.ToString();
    }

    public static string? ShowOrNull(string? value) => value is null ? null : Show(value);

    /// <summary>How a request body is shown: as JSON, as text, or as base64, whichever is the first it can be faithfully.</summary>
    /// <summary>
    /// How deep a body may nest to be shown as JSON. A page embeds it three levels down (page, list, entry), and
    /// System.Text.Json, like many readers, stops at 64 levels by default: a body the AWS routes accept at their own
    /// limit of 64 would make the whole page unreadable to such a client, so deeper ones are shown as text.
    /// </summary>
    private const int MaxEmbeddedDepth = 64 - 3;

    public static BodyForm FormOf(ReadOnlySpan<byte> body, bool truncated)
    {
        if (!Utf8.IsValid(body))
        {
            return BodyForm.Base64;
        }

        return !truncated && IsJsonThatCanBeWrittenBack(body) ? BodyForm.Json : BodyForm.Text;
    }

    /// <summary>
    /// True when the body is one JSON value whose every string unescapes to valid text. The parser accepts an
    /// escaped lone surrogate, but writing such a string out again throws, half-way through a response.
    /// </summary>
    private static bool IsJsonThatCanBeWrittenBack(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxEmbeddedDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
