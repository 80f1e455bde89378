using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ConnectMock.Aws;

/// <summary>
/// Describes a System.Text.Json failure in a message that names the member, in AWS's member-path style, without
/// leaking .NET type names.
/// </summary>
internal static class JsonErrorDescriber
{
    public static string Describe(JsonException error, ReadOnlySequence<byte> body, JsonTypeInfo root)
    {
        // The serializer reports syntax errors and type mismatches with the same exception type; a syntax-only
        // pass over the same bytes tells them apart, and costs nothing on the success path.
        var maxDepth = root.Options.EffectiveMaxDepth();
        if (FindUnreadableText(body, maxDepth) is { } unreadable)
        {
            return unreadable.Problem == TooDeep
                ? $"The request body nests JSON objects and arrays deeper than the limit of {maxDepth} levels, at line {unreadable.Line + 1}, byte {unreadable.Byte + 1}."
                : $"The request body is not valid JSON: {unreadable.Problem} at line {unreadable.Line + 1}, byte {unreadable.Byte + 1}.";
        }

        var (memberPath, expected) = Resolve(root, ParsePath(error.Path));
        return expected is null
            ? $"The value at '{memberPath}' has the wrong JSON type."
            : $"The value at '{memberPath}' has the wrong JSON type: expected {expected}.";
    }

    /// <summary>The first syntax error or undecodable string (invalid UTF-8, a lone surrogate escape), if any.</summary>
    private static (string Problem, long Line, long Byte)? FindUnreadableText(ReadOnlySequence<byte> body, int maxDepth)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    try
                    {
                        _ = reader.GetString();
                    }
                    catch (InvalidOperationException)
                    {
                        var (line, column) = Position(body.Slice(0, reader.TokenStartIndex));
                        return ("a string is not valid Unicode", line, column);
                    }
                }
            }

            return null;
        }
        catch (JsonException ex)
        {
            // The reader reports the depth limit as a syntax error; the depth it stopped at tells them apart.
            return (reader.CurrentDepth >= maxDepth ? TooDeep : "syntax error", ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
        }
    }

    private const string TooDeep = "too deep";

    /// <summary>The depth limit in force: 0 in the options means System.Text.Json's default of 64.</summary>
    internal static int EffectiveMaxDepth(this JsonSerializerOptions options) => options.MaxDepth == 0 ? 64 : options.MaxDepth;

    /// <summary>Zero-based line and byte-in-line of the end of <paramref name="before"/>.</summary>
    private static (long Line, long Byte) Position(ReadOnlySequence<byte> before)
    {
        long line = 0, column = 0;
        foreach (var segment in before)
        {
            foreach (var b in segment.Span)
            {
                (line, column) = b == (byte)'\n' ? (line + 1, 0) : (line, column + 1);
            }
        }

        return (line, column);
    }

    /// <summary>Walks the serializer metadata along the path: the member path in AWS style and the JSON type expected there.</summary>
    private static (string MemberPath, string? Expected) Resolve(JsonTypeInfo root, IReadOnlyList<PathSegment> segments)
    {
        var path = "";
        JsonTypeInfo? info = root;
        foreach (var segment in segments)
        {
            switch (info?.Kind)
            {
                case JsonTypeInfoKind.Object when !segment.IsIndex:
                    path = AwsMemberPath.Member(path, segment.Name);
                    info = PropertyType(info, segment.Name);
                    break;
                case JsonTypeInfoKind.Dictionary:
                    path = AwsMemberPath.Key(path, ShownKey(segment.Name));
                    info = info.Options.GetTypeInfo(info.ElementType!);
                    break;
                case JsonTypeInfoKind.Enumerable when int.TryParse(segment.Name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index):
                    path = AwsMemberPath.Index(path, index);
                    info = info.Options.GetTypeInfo(info.ElementType!);
                    break;
                default:
                    path = AwsMemberPath.Key(path, ShownKey(segment.Name));
                    info = null;
                    break;
            }
        }

        return (path, info is null ? null : Describe(info));
    }

    /// <summary>Map keys come from the client and may be huge: the message shows the start of one.</summary>
    private static string ShownKey(string key) => key.Length <= 64 ? key : string.Concat(key.AsSpan(0, 64), "...");

    private static JsonTypeInfo? PropertyType(JsonTypeInfo owner, string name)
    {
        foreach (var property in owner.Properties)
        {
            if (property.Name == name)
            {
                return owner.Options.GetTypeInfo(property.PropertyType);
            }
        }

        return null;
    }

    private static string Describe(JsonTypeInfo info)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        return info.Kind switch
        {
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "a JSON object",
            JsonTypeInfoKind.Enumerable => "a JSON array",
            _ when type == typeof(string) => "a string",
            _ when type == typeof(bool) => "a boolean",
            _ when type == typeof(int) || type == typeof(long) => "an integer",
            _ => "a number",
        };
    }

    /// <summary>Splits a System.Text.Json path such as <c>$.A.B[0]['c.d']</c> into its segments.</summary>
    internal static List<PathSegment> ParsePath(string? path)
    {
        var segments = new List<PathSegment>();
        if (string.IsNullOrEmpty(path))
        {
            return segments;
        }

        var i = path[0] == '$' ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(new PathSegment(path[(i + 1)..end], IsIndex: false));
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                segments.Add(new PathSegment(path[(i + 2)..end], IsIndex: false));
                i = Math.Min(end + 2, path.Length);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                end = end < 0 ? path.Length : end;
                segments.Add(new PathSegment(path[(i + 1)..end], IsIndex: true));
                i = Math.Min(end + 1, path.Length);
            }
            else
            {
                i++;
            }
        }

        return segments;
    }
}
