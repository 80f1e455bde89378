using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnectMock.Aws;

/// <summary>
/// restJson1's default timestamp format in a body: a JSON number of seconds since the epoch, with milliseconds as
/// a fraction (the Connect model sets no timestampFormat).
/// </summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>ConnectMock only writes these timestamps: no operation it serves takes one in its input.</summary>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new JsonException("Timestamps are not read by ConnectMock.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000m);
}
