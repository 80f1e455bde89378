namespace ConnectMock.Aws;

/// <summary>The JSON body an endpoint reads through its own binding, and example bodies for the documentation.</summary>
internal sealed record JsonBodyMetadata(Type RequestType, IReadOnlyDictionary<string, object> Examples);
