using ConnectMock.Aws.Validation;

namespace ConnectMock.Contacts;

/// <summary>The documented per-content-type limit on message content; an unknown content type is reported on its own.</summary>
internal sealed class ChatContentLengthValidator<T>(Func<T, string?> contentType)
    : AwsConstraintValidator<T, string?>, IDescribedConstraint
{
    public string Description => ChatContentTypes.LimitsDescription;

    protected override string? Violation(T instance, string? value) =>
        contentType(instance) is { } type && ChatContentTypes.Sendable.Contains(type)
        && ConstraintText.CodePoints(value!) > ChatContentTypes.MaxContentLength(type)
            ? $"Member must have length less than or equal to {ChatContentTypes.MaxContentLength(type)} for ContentType {type}"
            : null;
}
