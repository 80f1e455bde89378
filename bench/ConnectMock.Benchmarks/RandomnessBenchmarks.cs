using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using ConnectMock.Contacts;

namespace ConnectMock.Benchmarks;

/// <summary>Where a new chat's ids and token come from: the OS generator per call, or a per-thread buffer of it.</summary>
[SuppressMessage("Performance", "CA1822", Justification = "BenchmarkDotNet runs instance methods.")]
public class RandomnessBenchmarks
{
    private readonly byte[] _token = new byte[32];

    [Benchmark(Baseline = true)]
    public Guid GuidNewGuid() => Guid.NewGuid();

    [Benchmark]
    public Guid SecureRandomNewGuid() => SecureRandom.NewGuid();

    [Benchmark]
    public void RandomNumberGeneratorFill32() => RandomNumberGenerator.Fill(_token);

    [Benchmark]
    public void SecureRandomFill32() => SecureRandom.Fill(_token);
}
