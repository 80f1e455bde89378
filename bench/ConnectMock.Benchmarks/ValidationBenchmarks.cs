using BenchmarkDotNet.Attributes;
using ConnectMock.Connect;
using FluentValidation;

namespace ConnectMock.Benchmarks;

/// <summary>
/// StartChatContactRequestValidator on the typical (valid) request: typed, as the validation filter calls it, and
/// through the untyped entry point that the filter used before.
/// </summary>
public class ValidationBenchmarks
{
    private readonly StartChatContactRequestValidator _validator = new();
    private readonly StartChatContactRequest _request = Requests.Typical("bench-token-1");

    [Benchmark(Baseline = true)]
    public bool Validate() => _validator.Validate(_request).IsValid;

    /// <summary>The non-generic IValidator with a ValidationContext of object (the filter before phase 2).</summary>
    [Benchmark]
    public bool ValidateUntyped() => ((IValidator)_validator).Validate(new ValidationContext<object>(_request)).IsValid;
}
