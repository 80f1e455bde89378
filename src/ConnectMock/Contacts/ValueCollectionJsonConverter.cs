using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ConnectMock.Contacts;

/// <summary>
/// <see cref="ValueMap{T}"/> as a JSON object and <see cref="ValueList{T}"/> as a JSON array. Keys and items go through
/// the options' own converters, so that a converter for strings added to the options (the store's, the control
/// plane's) applies to them as to every other string.
/// </summary>
internal sealed class ValueCollectionJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType
        && (typeToConvert.GetGenericTypeDefinition() == typeof(ValueMap<>) || typeToConvert.GetGenericTypeDefinition() == typeof(ValueList<>));

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var converter = typeToConvert.GetGenericTypeDefinition() == typeof(ValueMap<>) ? typeof(MapConverter<>) : typeof(ListConverter<>);
        return (JsonConverter)Activator.CreateInstance(converter.MakeGenericType(typeToConvert.GetGenericArguments()))!;
    }

    private sealed class MapConverter<T> : JsonConverter<ValueMap<T>>
    {
        public override ValueMap<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            Expect(ref reader, JsonTokenType.StartObject);
            var keys = (JsonConverter<string>)options.GetConverter(typeof(string));
            var values = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
            var entries = new Dictionary<string, T>(Count(reader), StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = keys.ReadAsPropertyName(ref reader, typeof(string), options);
                reader.Read();
                entries.Add(key, JsonSerializer.Deserialize(ref reader, values)!);
            }

            return new(entries);
        }

        public override void Write(Utf8JsonWriter writer, ValueMap<T> value, JsonSerializerOptions options)
        {
            var keys = (JsonConverter<string>)options.GetConverter(typeof(string));
            var values = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
            writer.WriteStartObject();
            foreach (var (key, item) in value)
            {
                keys.WriteAsPropertyName(writer, key, options);
                JsonSerializer.Serialize(writer, item, values);
            }

            writer.WriteEndObject();
        }
    }

    private sealed class ListConverter<T> : JsonConverter<ValueList<T>>
    {
        public override ValueList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            Expect(ref reader, JsonTokenType.StartArray);
            var items = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
            var list = new List<T>(Count(reader));
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                list.Add(JsonSerializer.Deserialize(ref reader, items)!);
            }

            return new(list);
        }

        public override void Write(Utf8JsonWriter writer, ValueList<T> value, JsonSerializerOptions options)
        {
            var items = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
            writer.WriteStartArray();
            for (var i = 0; i < value.Count; i++) // not foreach: the list's enumerator would be boxed
            {
                JsonSerializer.Serialize(writer, value[i], items);
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>The items of the object or array the reader is at, counted on a copy of it: collections made to size.</summary>
    private static int Count(Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        var count = 0;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.CurrentDepth == depth + 1 && reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.EndObject or JsonTokenType.EndArray))
            {
                count++;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        return count;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {token}, found {reader.TokenType}.");
        }
    }
}
