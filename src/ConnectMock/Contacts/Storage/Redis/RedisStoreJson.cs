using System.Text.Json.Serialization;

namespace ConnectMock.Contacts.Storage.Redis;

/// <summary>
/// What the Redis store keeps as JSON: a contact's changes since its start and its chat's items; the shared settings
/// of declared instances and the attachment scanner. Source-generated;
/// every string goes through <see cref="LosslessStrings"/>, so client text with a lone surrogate comes back as it was
/// sent. The request itself is kept in <see cref="ChatRequestCodec"/>'s form, as the in-memory store keeps it.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    IgnoreReadOnlyProperties = true,
    NumberHandling = JsonNumberHandling.Strict,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(LosslessStrings)])]
[JsonSerializable(typeof(ChatContact.Changes))]
[JsonSerializable(typeof(ChatItem))]
[JsonSerializable(typeof(Instances.InstanceResource))]
[JsonSerializable(typeof(Attachments.AttachmentScanOptions))]
[JsonSerializable(typeof(Attachments.Attachment))]
[JsonSerializable(typeof(List<ChatItem>))]
internal sealed partial class RedisStoreJson : JsonSerializerContext;
