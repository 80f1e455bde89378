using System.Text.Json.Serialization;

namespace ConnectMock.Contacts;

/// <summary>
/// A <see cref="ChatRequest"/> as JSON, source-generated from the record: the request as the client sent it (the
/// StartChatContact body's member names and nesting, nulls left out). The store keeps it in this form and the control
/// plane shows it, so neither lists the members.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    IgnoreReadOnlyProperties = true,
    NumberHandling = JsonNumberHandling.Strict,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(ValueCollectionJsonConverter)])]
[JsonSerializable(typeof(ChatRequest))]
internal sealed partial class ChatRequestJson : JsonSerializerContext;
