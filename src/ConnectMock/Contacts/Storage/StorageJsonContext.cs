using System.Text.Json.Serialization;

namespace ConnectMock.Contacts.Storage;

/// <summary>The domain types the in-memory store measures through their JSON form (<see cref="ObjectSizes.OfGraph"/>).</summary>
[JsonSerializable(typeof(ChatRequest))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
