using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnectMock.ControlPlane;

/// <summary>Writes every string through <see cref="ClientText.Show"/>; reads them as usual.</summary>
internal sealed class ClientTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(ClientText.Show(value));

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(ClientText.Show(value));

    /// <summary>Options that write like <paramref name="options"/>, with client text shown this way.</summary>
    public static JsonSerializerOptions Around(JsonSerializerOptions options)
    {
        var shown = new JsonSerializerOptions(options);
        shown.Converters.Add(new ClientTextConverter());
        shown.MakeReadOnly();
        return shown;
    }
}
