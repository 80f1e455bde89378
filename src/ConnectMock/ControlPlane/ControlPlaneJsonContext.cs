using System.Text.Json.Serialization;
using ConnectMock.Contacts;
using ConnectMock.ControlPlane.Faults;

namespace ConnectMock.ControlPlane;

/// <summary>
/// Control-plane JSON: camelCase (the convention of emulator admin APIs: LocalStack, WireMock), enums as names,
/// read case-insensitively so hand-written calls just work; text written as <see cref="ClientText"/> shows it.
/// </summary>
[JsonSourceGenerationOptions(
    Converters = [typeof(ClientTextConverter)],
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(ControlPlaneError))]
[JsonSerializable(typeof(ContactPage))]
[JsonSerializable(typeof(ContactDetail))]
[JsonSerializable(typeof(FaultSpec))]
[JsonSerializable(typeof(FaultView))]
[JsonSerializable(typeof(FaultList))]
[JsonSerializable(typeof(InstanceSpec))]
[JsonSerializable(typeof(InstanceView))]
[JsonSerializable(typeof(InstanceList))]
[JsonSerializable(typeof(ResetResult))]
[JsonSerializable(typeof(ContactStoreUsage))]
[JsonSerializable(typeof(AgentSpec))]
[JsonSerializable(typeof(AgentMessageSpec))]
[JsonSerializable(typeof(AgentEventSpec))]
[JsonSerializable(typeof(AgentView))]
[JsonSerializable(typeof(PostedItem))]
[JsonSerializable(typeof(AttachmentView))]
[JsonSerializable(typeof(AttachmentList))]
[JsonSerializable(typeof(AttachmentUsage))]
[JsonSerializable(typeof(ScanningSpec))]
[JsonSerializable(typeof(AgentAttachmentSpec))]
[JsonSerializable(typeof(BotTemplateList))]
[JsonSerializable(typeof(ClockView))]
[JsonSerializable(typeof(ClockFreezeSpec))]
[JsonSerializable(typeof(ClockAdvanceSpec))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
internal sealed partial class ControlPlaneJsonContext : JsonSerializerContext;
