using System.Text.Json.Serialization;

namespace ConnectMock.Connect;

/// <summary>Source-generated (reflection-free, allocation-lean) serialization of the Connect wire shapes.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(StartChatContactRequest))]
[JsonSerializable(typeof(StartChatContactResponse))]
[JsonSerializable(typeof(StopContactRequest))]
[JsonSerializable(typeof(UpdateContactAttributesRequest))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(ContactAttributesResponse))]
[JsonSerializable(typeof(DescribeContactResponse))]
[JsonSerializable(typeof(CreateParticipantRequest))]
[JsonSerializable(typeof(CreateParticipantResponse))]
[JsonSerializable(typeof(CreatePersistentContactAssociationRequest))]
[JsonSerializable(typeof(CreatePersistentContactAssociationResponse))]
[JsonSerializable(typeof(UpdateParticipantRoleConfigRequest))]
internal sealed partial class ConnectJsonContext : JsonSerializerContext;
