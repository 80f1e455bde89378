using BenchmarkDotNet.Attributes;
using ConnectMock.Connect;
using FluentValidation;

namespace ConnectMock.Benchmarks;

/// <summary>StartChatContactRequestValidator on the typical (valid) request: directly, and the way AwsValidationFilter calls it.</summary>
public class ValidationBenchmarks
{
    private readonly StartChatContactRequestValidator _validator = new();
    private readonly StartChatContactRequest _request = Requests.Typical("bench-token-1");

    [Benchmark(Baseline = true)]
    public bool Validate() => _validator.Validate(_request).IsValid;

    /// <summary>What the endpoint filter does per request: the non-generic IValidator with a ValidationContext of object.</summary>
    [Benchmark]
    public bool ValidateAsFilterDoes() => ((IValidator)_validator).Validate(new ValidationContext<object>(_request)).IsValid;
}
