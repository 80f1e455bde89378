using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using ConnectMock.Connect;
using ConnectMock.Contacts;

namespace ConnectMock.Benchmarks;

/// <summary>The small steps around the store: wire request to domain, the participant token, the response object.</summary>
public class MappingBenchmarks
{
    private readonly StartChatContactRequest _request = Requests.Typical("bench-token-1");
    private readonly ChatContact _contact = new(Guid.NewGuid(), Guid.NewGuid(), ParticipantTokens.Next(),
        Requests.Typical("bench-token-1").ToDomain(), DateTimeOffset.UnixEpoch, null);

    [Benchmark]
    public ChatRequest ToDomain() => _request.ToDomain();

    [Benchmark]
    [SuppressMessage("Performance", "CA1822", Justification = "BenchmarkDotNet runs instance methods.")]
    public string NextParticipantToken() => ParticipantTokens.Next();

    [Benchmark]
    public StartChatContactResponse ResponseFrom() => StartChatContactResponse.From(_contact);
}
