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
                .Select((parameter, index) => (index, validator: factory.ApplicationServices.GetService(
                    typeof(IValidator<>).MakeGenericType(parameter.ParameterType)) as IValidator))
                .Where(p => p.validator is not null)
                .ToArray();
            if (validated.Length == 0)
            {
                return next;
            }

            return invocation =>
            {
                foreach (var (index, validator) in validated)
                {
                    if (invocation.Arguments[index] is { } argument)
                    {
                        var result = validator!.Validate(new ValidationContext<object>(argument));
                        if (!result.IsValid)
                        {
                            throw toException(invocation.HttpContext, result.Errors);
                        }
                    }
                }

                return next(invocation);
            };
        });
}
