using System.Collections.Concurrent;

namespace ConnectMock.Samples;

/// <summary>The endpoints the collection's classes saw: one, when the fixture is shared.</summary>
internal static class SharedServerEndpoints
{
    public static ConcurrentBag<Uri> Seen { get; } = [];
}
