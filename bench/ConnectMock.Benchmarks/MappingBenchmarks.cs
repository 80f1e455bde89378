using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using ConnectMock.Connect;
using ConnectMock.Contacts;

namespace ConnectMock.Benchmarks;

/// <summary>The small steps around the store: wire request to domain, the participant token, the response object.</summary>
public class MappingBenchmarks
{
    private readonly StartChatContactRequest _request = Requests.Typical("bench-token-1");
    private static readonly Guid ContactId = Guid.NewGuid();
    private static readonly Guid ParticipantId = Guid.NewGuid();
    private readonly ChatContact _contact = new(ContactId, ParticipantId, ChatTokens.ParticipantSecret.New(),
        Requests.Typical("bench-token-1").ToDomain(), DateTimeOffset.UnixEpoch, null);

    [Benchmark]
    public object ToDomain() => _request.ToDomain();

    [Benchmark]
    [SuppressMessage("Performance", "CA1822", Justification = "BenchmarkDotNet runs instance methods.")]
    public string NextParticipantToken() => ChatTokens.ParticipantToken(ContactId, ParticipantId, ChatTokens.ParticipantSecret.New());

    [Benchmark]
    public object ResponseFrom() => StartChatContactResponse.From(_contact);
}
