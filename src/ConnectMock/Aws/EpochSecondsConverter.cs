using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnectMock.Aws;

/// <summary>
/// restJson1's default timestamp format in a body: a JSON number of seconds since the epoch, with milliseconds as
/// a fraction (the Connect model sets no timestampFormat).
/// </summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(reader.GetDouble() * 1000));

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000m);
}
