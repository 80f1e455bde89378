using System.Text.Json.Serialization;

namespace ConnectMock.Participant;

[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(CreateParticipantConnectionRequest))]
[JsonSerializable(typeof(CreateParticipantConnectionResponse))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(SendEventRequest))]
[JsonSerializable(typeof(SendEventResponse))]
[JsonSerializable(typeof(GetTranscriptRequest))]
[JsonSerializable(typeof(GetTranscriptResponse))]
[JsonSerializable(typeof(DisconnectParticipantRequest))]
[JsonSerializable(typeof(EmptyParticipantResponse))]
[JsonSerializable(typeof(StartAttachmentUploadRequest))]
[JsonSerializable(typeof(StartAttachmentUploadResponse))]
[JsonSerializable(typeof(CompleteAttachmentUploadRequest))]
[JsonSerializable(typeof(GetAttachmentRequest))]
[JsonSerializable(typeof(GetAttachmentResponse))]
[JsonSerializable(typeof(Item))]
internal sealed partial class ParticipantJsonContext : JsonSerializerContext
{
    private static ParticipantJsonContext? _wire;

    /// <summary>This context with the encoder AWS's output matches (see <see cref="Aws.AwsJsonContext.WireEncoder"/>); made on first use.</summary>
    public static ParticipantJsonContext Wire =>
        _wire ??= new(new System.Text.Json.JsonSerializerOptions(Default.Options) { Encoder = Aws.AwsJsonContext.WireEncoder });
}
