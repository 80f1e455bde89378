using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ConnectMock.Tests.Reliability;

/// <summary>
/// Turns a valid request body into a hostile one: changes to the JSON tree (wrong types, missing and unknown
/// members, nulls) and to the bytes on the wire (flipped, inserted and deleted bytes, truncation, invalid UTF-8,
/// lone surrogate escapes, duplicate keys, huge numbers, deep nesting, giant strings up to the body limit). Every
/// choice comes from the <see cref="Random"/> it is given, so a seed reproduces the input.
/// </summary>
internal sealed class FuzzMutator(Random random, int maxBodyBytes)
{
    private static readonly string[] HugeNumbers =
    [
        "1e309", "-1e309", "1E-400", "99999999999999999999999999999999999999", "-9223372036854775809",
        "18446744073709551616", "2147483648", "-2147483649", "0.1e1", "-0", "1.0", "0e0", "123456789.987654321e-5",
        string.Concat(Enumerable.Repeat("9", 5000)),
    ];

    private static readonly string[] LoneSurrogates =
        [@"\ud800", @"\udfff", @"\udc00x", @"\ud83d", @"x\ude00", @"\ud800\ud800", @"\u0000", @"\uFFFF"];

    private static readonly string[] OtherBodies = ["null", "[]", "\"x\"", "1", "true", "", " ", "{}", "{}{}", "[{}]"];

    private static readonly string[] Escapes = [@"\n", @"\""", @"\\", @"\/", @"\u0041", @"\x41", @"\", @"\u12"];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
        [0xFE, 0xFF], [0x00],
    ];

    /// <summary>A mutated copy of <paramref name="valid"/>; <paramref name="recipe"/> lists what was done, in order.</summary>
    public byte[] Mutate(JsonObject valid, List<string> recipe)
    {
        var tree = (JsonObject)valid.DeepClone();
        var treeChanges = random.Next(3);
        for (var i = 0; i < treeChanges; i++)
        {
            MutateTree(tree, recipe);
        }

        var bytes = Encoding.UTF8.GetBytes(tree.ToJsonString());
        var byteChanges = treeChanges == 0 ? 1 + random.Next(3) : random.Next(3);
        for (var i = 0; i < byteChanges; i++)
        {
            bytes = MutateBytes(bytes, recipe);
        }

        return bytes;
    }

    /// <summary>A string value for a path label or a header: empty, long, odd characters, another token.</summary>
    public string MutateText(string valid, List<string> recipe)
    {
        var choice = random.Next(9);
        var text = choice switch
        {
            0 => "",
            1 => valid.ToUpperInvariant(),
            2 => valid[..random.Next(valid.Length + 1)],
            3 => valid + new string('A', random.Next(1, 9000)),
            4 => new string('x', random.Next(1, 200)),
            5 => valid.Insert(random.Next(valid.Length + 1), "\u00e9\u4e2d"),
            6 => "..",
            7 => Convert.ToBase64String(RandomBytes(random.Next(1, 300))),
            _ => string.Concat(valid.Reverse()),
        };
        recipe.Add($"text#{choice}");
        return text;
    }

    private void MutateTree(JsonObject root, List<string> recipe)
    {
        var (parent, key, index) = PickSlot(root);
        switch (random.Next(6))
        {
            case 0 when parent is JsonObject obj && key is not null:
                obj.Remove(key);
                recipe.Add($"remove {key}");
                break;
            case 1:
                var unknown = "Unknown" + random.Next(1000).ToString(CultureInfo.InvariantCulture);
                ((parent as JsonObject) ?? root)[unknown] = RandomValue(depth: 0);
                recipe.Add($"add {unknown}");
                break;
            default:
                var value = RandomValue(depth: 0);
                Set(parent, key, index, value);
                recipe.Add($"set {key ?? index.ToString(CultureInfo.InvariantCulture)} to {Describe(value)}");
                break;
        }
    }

    /// <summary>A random member or element of the tree: its container and its name or index.</summary>
    private (JsonNode Parent, string? Key, int Index) PickSlot(JsonObject root)
    {
        var slots = new List<(JsonNode, string?, int)>();
        Collect(root, slots);
        return slots.Count == 0 ? (root, null, -1) : slots[random.Next(slots.Count)];
    }

    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> slots)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, child) in obj)
            {
                slots.Add((obj, name, -1));
                if (child is not null)
                {
                    Collect(child, slots);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                slots.Add((array, null, i));
                if (array[i] is { } child)
                {
                    Collect(child, slots);
                }
            }
        }
    }

    private static void Set(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            obj[key ?? "Unknown"] = value;
        }
        else if (parent is JsonArray array && index >= 0)
        {
            array[index] = value;
        }
    }

    private JsonNode? RandomValue(int depth) => random.Next(depth > 2 ? 7 : 10) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(int.MinValue, int.MaxValue)),
        3 => JsonValue.Create(random.NextDouble() * 1e6),
        4 => JsonValue.Create(RandomString()),
        5 => JsonValue.Create(""),
        6 => JsonValue.Create(long.MaxValue),
        7 => new JsonArray(RandomValue(depth + 1), RandomValue(depth + 1)),
        8 => new JsonObject { ["k" + random.Next(10).ToString(CultureInfo.InvariantCulture)] = RandomValue(depth + 1) },
        _ => new JsonArray(),
    };

    private string RandomString()
    {
        var builder = new StringBuilder();
        var length = random.Next(40);
        for (var i = 0; i < length; i++)
        {
            // Any scalar value but surrogates (the writer refuses lone ones; the byte mutations send those).
            var c = random.Next(4) switch
            {
                0 => random.Next(0x20),
                1 => random.Next(0x20, 0x7F),
                2 => random.Next(0x80, 0xD800),
                _ => random.Next(0xE000, 0x10000),
            };
            builder.Append((char)c);
        }

        return builder.ToString();
    }

    private byte[] MutateBytes(byte[] body, List<string> recipe)
    {
        var at = random.Next(body.Length + 1);
        var choice = random.Next(16);
        recipe.Add($"bytes#{choice}@{at}");
        switch (choice)
        {
            case 0 when body.Length > 0: // flip one bit
                var flipped = (byte[])body.Clone();
                flipped[Math.Min(at, body.Length - 1)] ^= (byte)(1 << random.Next(8));
                return flipped;
            case 1: // insert random bytes
                return [.. body.AsSpan(0, at), .. RandomBytes(random.Next(1, 8)), .. body.AsSpan(at)];
            case 2: // delete a range
                var length = random.Next(Math.Min(16, body.Length - at) + 1);
                return [.. body.AsSpan(0, at), .. body.AsSpan(at + length)];
            case 3: // truncate
                return body[..at];
            case 4: // invalid UTF-8 inside a string value, or anywhere
                return InsertAtStringValue(body, InvalidUtf8[random.Next(InvalidUtf8.Length)]);
            case 5: // a lone surrogate escape inside a string value
                return InsertAtStringValue(body, Encoding.ASCII.GetBytes(LoneSurrogates[random.Next(LoneSurrogates.Length)]));
            case 6: // a member twice, the copy first with another value
                return DuplicateKey(body);
            case 7: // a huge or odd number where a value starts
                return ReplaceValue(body, HugeNumbers[random.Next(HugeNumbers.Length)]);
            case 8: // deep nesting
                var depth = random.Next(1, 3000);
                var open = random.Next(2) == 0 ? "[" : "{\"a\":";
                var close = open == "[" ? "]" : "}";
                return ReplaceValue(body, string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, random.Next(2) == 0 ? depth : random.Next(depth + 1))));
            case 9: // a giant string, near the body limit (sometimes over it)
                var size = Math.Max(1, maxBodyBytes - body.Length - 64 + random.Next(-1000, 1200));
                return ReplaceValue(body, "\"" + new string(random.Next(2) == 0 ? 'x' : '\u00e9', random.Next(2) == 0 ? size : size / 2) + "\"");
            case 10: // null for a value
                return ReplaceValue(body, "null");
            case 11: // the body as another JSON type
                return Encoding.UTF8.GetBytes(OtherBodies[random.Next(OtherBodies.Length)]);
            case 12: // a byte order mark, whitespace, or trailing data
                return random.Next(3) switch
                {
                    0 => [0xEF, 0xBB, 0xBF, .. body],
                    1 => [.. " \t\r\n"u8, .. body, .. "\n\n"u8],
                    _ => [.. body, .. RandomBytes(random.Next(1, 4))],
                };
            case 13: // many members
                var members = string.Concat(Enumerable.Range(0, random.Next(1, 5000)).Select(i => $"\"m{i}\":{i},"));
                return body.Length > 0 && body[0] == (byte)'{' ? [(byte)'{', .. Encoding.UTF8.GetBytes(members), .. body.AsSpan(1)] : body;
            case 14: // escapes in names and values
                return InsertAtStringValue(body, Encoding.ASCII.GetBytes(Escapes[random.Next(Escapes.Length)]));
            default: // overwrite one byte
                if (body.Length == 0)
                {
                    return body;
                }

                var overwritten = (byte[])body.Clone();
                overwritten[Math.Min(at, body.Length - 1)] = (byte)random.Next(256);
                return overwritten;
        }
    }

    /// <summary>Inserts <paramref name="bytes"/> just after the opening quote of a random string (a name or a value).</summary>
    private byte[] InsertAtStringValue(byte[] body, byte[] bytes)
    {
        var quotes = Positions(body, (byte)'"');
        var at = quotes.Count == 0 ? random.Next(body.Length + 1) : quotes[random.Next(quotes.Count)] + 1;
        return [.. body.AsSpan(0, at), .. bytes, .. body.AsSpan(at)];
    }

    /// <summary>Replaces the value after a random <c>:</c> (up to the next <c>,</c> or <c>}</c> at any depth) with <paramref name="json"/>.</summary>
    private byte[] ReplaceValue(byte[] body, string json)
    {
        var colons = Positions(body, (byte)':');
        if (colons.Count == 0)
        {
            return Encoding.UTF8.GetBytes(json);
        }

        var start = colons[random.Next(colons.Count)] + 1;
        var end = start;
        var depth = 0;
        var inString = false;
        for (; end < body.Length; end++)
        {
            var b = body[end];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    end++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (b == (byte)'"')
            {
                inString = true;
            }
            else if (b is (byte)'{' or (byte)'[')
            {
                depth++;
            }
            else if (b is (byte)'}' or (byte)']' or (byte)',' && depth-- == 0)
            {
                break;
            }
        }

        end = Math.Min(end, body.Length);
        return [.. body.AsSpan(0, start), .. Encoding.UTF8.GetBytes(json), .. body.AsSpan(end)];
    }

    /// <summary>After a random <c>{"</c>, inserts a copy of that first member's name with another value.</summary>
    private byte[] DuplicateKey(byte[] body)
    {
        var opens = new List<int>();
        for (var i = 0; i + 1 < body.Length; i++)
        {
            if (body[i] == (byte)'{' && body[i + 1] == (byte)'"')
            {
                opens.Add(i);
            }
        }

        if (opens.Count == 0)
        {
            return body;
        }

        var open = opens[random.Next(opens.Count)];
        var nameEnd = Array.IndexOf(body, (byte)'"', open + 2);
        if (nameEnd < 0)
        {
            return body;
        }

        var name = body.AsSpan(open + 1, nameEnd - open);
        var value = Encoding.UTF8.GetBytes((RandomValue(depth: 0)?.ToJsonString() ?? "null") + ",");
        return [.. body.AsSpan(0, open + 1), .. name, (byte)':', .. value, .. body.AsSpan(open + 1)];
    }

    private static List<int> Positions(byte[] body, byte value)
    {
        var positions = new List<int>();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == value)
            {
                positions.Add(i);
            }
        }

        return positions;
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Describe(JsonNode? value)
    {
        var json = value?.ToJsonString() ?? "null";
        return json.Length <= 40 ? json : json[..40] + "...";
    }
}
