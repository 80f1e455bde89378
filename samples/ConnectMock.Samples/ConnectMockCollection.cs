namespace ConnectMock.Samples;

/// <summary>The test classes marked [Collection("ConnectMock")] share one server and run one after another.</summary>
[CollectionDefinition("ConnectMock")]
public sealed class ConnectMockCollection : ICollectionFixture<SharedConnectMock>;
