using FluentValidation;
using FluentValidation.Results;

namespace ConnectMock.Aws.Validation;

/// <summary>
/// Validates every handler argument that has a registered <see cref="IValidator{T}"/> and throws the error that
/// the caller's protocol maps its failures to. Built as a filter factory (the TodoApi shape) so that it costs
/// nothing on endpoints whose parameters have no validator.
/// </summary>
public static class ValidationFilter
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
    /// </summary>
    private static Func<object, ValidationResult>? TypedValidation(IServiceProvider services, Type parameterType) =>
        services.GetService(typeof(IValidator<>).MakeGenericType(parameterType)) is { } validator
            ? (Func<object, ValidationResult>)typeof(ValidationFilter)
                .GetMethod(nameof(Typed), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(parameterType)
                .Invoke(null, [validator])!
            : null;

    private static Func<object, ValidationResult> Typed<T>(IValidator<T> validator) => argument => validator.Validate((T)argument);
}
