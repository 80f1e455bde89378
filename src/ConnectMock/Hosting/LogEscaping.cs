using System.Buffers;
using System.Globalization;
using System.Text;
using Serilog.Events;
using Serilog.Parsing;

namespace ConnectMock.Hosting;

/// <summary>
/// Client-controlled text (a ClientToken, a request path, a header) made safe for a console log line: line breaks
/// that would forge a line of their own, terminal escape sequences, line and paragraph separators, bidirectional
/// overrides that reorder what a reader sees, and lone surrogates (which UTF-8 cannot carry) are written as escapes,
/// <c>\n</c>, <c>\r</c>, <c>\t</c> or <c>\uXXXX</c>. Text is searched first and copied only when it needs an
/// escape, so that a clean request line costs nothing more: the request log is a measured hot path (bench/RESULTS.md).
/// </summary>
internal static class LogEscaping
{
    // C0 and C1 controls, DEL, U+2028/U+2029, the bidirectional marks, embeddings, overrides and isolates, and every
    // surrogate (a pair is then let through). Besides these the text format escapes its own escape character, the
    // backslash, so that an escape in a line always stands for the character it names; JSON escapes its own.
    private const string Unsafe =
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f" +
        "\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008a\u008b\u008c\u008d\u008e\u008f" +
        "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009a\u009b\u009c\u009d\u009e\u009f" +
        "\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069";

    private static readonly SearchValues<char> UnsafeInJson = SearchValues.Create(Unsafe + SurrogateRange());
    private static readonly SearchValues<char> UnsafeInText = SearchValues.Create(Unsafe + SurrogateRange() + "\\");
    private static readonly MessageTemplateParser Parser = new();

    // The last template found to need no escape (the request log's, under load); a race only costs a search.
    private static MessageTemplate? _cleanTemplate;

    /// <summary>The event itself when none of its text needs an escape; otherwise a copy with its text escaped.</summary>
    public static LogEvent ForText(LogEvent logEvent)
    {
        // A clean event, by far the common case, has each of its texts searched once and is returned as it is.
        var unsafeInTemplate = IndexOfUnsafe(logEvent.MessageTemplate);
        if (unsafeInTemplate < 0 && !PropertiesNeedEscaping(logEvent))
        {
            return logEvent;
        }

        var template = unsafeInTemplate < 0
            ? logEvent.MessageTemplate
            : Parser.Parse(Escape(logEvent.MessageTemplate.Text, unsafeInTemplate));
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, Escaped(p.Value)));
        return new LogEvent(
            logEvent.Timestamp, logEvent.Level, logEvent.Exception, template, properties, logEvent.TraceId ?? default, logEvent.SpanId ?? default);
    }

    /// <summary>Writes <paramref name="text"/> with what is unsafe in a text line, or in a JSON one, escaped.</summary>
    public static void Write(TextWriter output, ReadOnlySpan<char> text, bool json)
    {
        var unsafeChars = json ? UnsafeInJson : UnsafeInText;
        while (true)
        {
            var index = IndexOfUnsafe(text, unsafeChars);
            if (index < 0)
            {
                output.Write(text);
                return;
            }

            output.Write(text[..index]);
            WriteEscape(output, text[index]);
            text = text[(index + 1)..];
        }
    }

    /// <summary>
    /// Where the template's text first needs an escape, or -1. A template is the same object for every event of its
    /// call site, so one found clean is not searched again.
    /// </summary>
    private static int IndexOfUnsafe(MessageTemplate template)
    {
        if (ReferenceEquals(template, _cleanTemplate))
        {
            return -1;
        }

        var index = IndexOfUnsafe(template.Text, UnsafeInText);
        if (index < 0)
        {
            _cleanTemplate = template;
        }

        return index;
    }

    private static bool PropertiesNeedEscaping(LogEvent logEvent)
    {
        // Serilog keeps the properties in a Dictionary: its struct enumerator, unlike the interface's, is not boxed,
        // and enumerating the pairs, not .Values, spares each event's new dictionary its values collection.
        if (logEvent.Properties is Dictionary<string, LogEventPropertyValue> properties)
        {
            foreach (var property in properties)
            {
                if (NeedsEscaping(property.Value))
                {
                    return true;
                }
            }

            return false;
        }

        return logEvent.Properties.Values.Any(NeedsEscaping);
    }

    private static bool NeedsEscaping(LogEventPropertyValue value) => value switch
    {
        ScalarValue scalar => UnsafeText(scalar, out _) is not null,
        SequenceValue sequence => sequence.Elements.Any(NeedsEscaping),
        StructureValue structure => structure.Properties.Any(p => NeedsEscaping(p.Value)),
        DictionaryValue dictionary => dictionary.Elements.Any(e => NeedsEscaping(e.Key) || NeedsEscaping(e.Value)),
        _ => false,
    };

    private static LogEventPropertyValue Escaped(LogEventPropertyValue value) => value switch
    {
        ScalarValue scalar => UnsafeText(scalar, out var unsafeAt) is { } text ? new ScalarValue(Escape(text, unsafeAt)) : scalar,
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(Escaped)),
        StructureValue structure => new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, Escaped(p.Value))), structure.TypeTag),
        DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(e => KeyValuePair.Create((ScalarValue)Escaped(e.Key), Escaped(e.Value)))),
        _ => value,
    };

    /// <summary>The scalar's text when it needs an escape (the first at <paramref name="unsafeAt"/>). Numbers, dates
    /// and the like never do; other objects (a PathString, a Uri) are rendered through ToString, so are checked as what
    /// they render.</summary>
    private static string? UnsafeText(ScalarValue scalar, out int unsafeAt)
    {
        var text = scalar.Value switch
        {
            string s => s,
            char c => c.ToString(),
            null or bool or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal
                or DateTime or DateTimeOffset or TimeSpan or Guid or Enum => null,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };
        unsafeAt = text is null ? -1 : IndexOfUnsafe(text, UnsafeInText);
        return unsafeAt >= 0 ? text : null;
    }

    /// <summary>The text escaped, given where it first needs an escape: what comes before is not searched again.</summary>
    private static string Escape(string text, int unsafeAt)
    {
        using var output = new StringWriter(new StringBuilder(text.Length + 16), CultureInfo.InvariantCulture);
        output.Write(text.AsSpan(0, unsafeAt));
        WriteEscape(output, text[unsafeAt]);
        Write(output, text.AsSpan(unsafeAt + 1), json: false);
        return output.ToString();
    }

    /// <summary>The first character that needs an escape: a searched one, except a surrogate that is half of a pair.</summary>
    private static int IndexOfUnsafe(ReadOnlySpan<char> text, SearchValues<char> unsafeChars)
    {
        var from = 0;
        while (true)
        {
            var found = text[from..].IndexOfAny(unsafeChars);
            if (found < 0)
            {
                return -1;
            }

            var index = from + found;
            if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                from = index + 2;
                continue;
            }

            return index;
        }
    }

    private static void WriteEscape(TextWriter output, char c)
    {
        switch (c)
        {
            case '\n':
                output.Write("\\n");
                break;
            case '\r':
                output.Write("\\r");
                break;
            case '\t':
                output.Write("\\t");
                break;
            case '\\':
                output.Write("\\\\");
                break;
            default:
                output.Write("\\u");
                output.Write(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string SurrogateRange() => string.Create(0xE000 - 0xD800, 0, (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)(0xD800 + i);
        }
    });
}
