using FluentValidation;
using FluentValidation.Results;

namespace ConnectMock.Aws.Validation;

/// <summary>
/// Validates every handler argument that has a registered <see cref="IValidator{T}"/> and throws the error that
/// the caller's protocol maps its failures to. Built as a filter factory (the TodoApi shape) so that it costs
/// nothing on endpoints whose parameters have no validator.
/// </summary>
internal static class ValidationFilter
{
    /// <summary>AWS operations: failures become the service's validation error, e.g. InvalidParameterException.</summary>
    public static TBuilder WithAwsValidation<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithValidation((http, failures) =>
            AwsValidationFailures.ToException(failures, AwsCallInfo.Of(http)?.Service ?? AwsService.Connect));

    public static TBuilder WithValidation<TBuilder>(
        this TBuilder builder, Func<HttpContext, IReadOnlyList<ValidationFailure>, Exception> toException)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var validated = factory.MethodInfo.GetParameters()
                .Select((parameter, index) => (index, validate: TypedValidation(factory.ApplicationServices, parameter.ParameterType)))
                .Where(p => p.validate is not null)
                .ToArray();
            if (validated.Length == 0)
            {
                return next;
            }

            return invocation =>
            {
                foreach (var (index, validate) in validated)
                {
                    if (invocation.Arguments[index] is { } argument)
                    {
                        var result = validate!(argument);
                        if (!result.IsValid)
                        {
                            throw toException(invocation.HttpContext, result.Errors);
                        }
                    }
                }

                return next(invocation);
            };
        });

    /// <summary>
    /// The parameter type's validator called through <see cref="IValidator{T}.Validate(T)"/>: FluentValidation's
    /// untyped entry point wraps every call in an extra <c>ValidationContext&lt;object&gt;</c> and checks its type.
    /// The validator is made on the endpoint's first call, not when routing builds every endpoint: constructing
    /// the validators (their rules, expression trees and regexes) was most of the first request after start
    /// (bench/RESULTS.md, "6. Start time").
    /// </summary>
    private static Func<object, ValidationResult>? TypedValidation(IServiceProvider services, Type parameterType)
    {
        var validatorType = typeof(IValidator<>).MakeGenericType(parameterType);
        if (!services.GetRequiredService<IServiceProviderIsService>().IsService(validatorType))
        {
            return null;
        }

        return (Func<object, ValidationResult>)typeof(ValidationFilter)
            .GetMethod(nameof(Typed), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(parameterType)
            .Invoke(null, [services])!;
    }

    private static Func<object, ValidationResult> Typed<T>(IServiceProvider services)
    {
        var validator = new Lazy<IValidator<T>>(services.GetRequiredService<IValidator<T>>, LazyThreadSafetyMode.ExecutionAndPublication);
        return argument => validator.Value.Validate((T)argument);
    }
}
