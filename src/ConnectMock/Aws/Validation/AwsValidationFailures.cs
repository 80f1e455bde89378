using System.Collections;
using System.Globalization;
using System.Text;
using FluentValidation.Results;

namespace ConnectMock.Aws.Validation;

/// <summary>
/// Turns FluentValidation failures into the one AWS error they amount to. Broken member constraints are all
/// reported together, in AWS's wording:
/// <c>2 validation errors detected: Value null at 'instanceId' failed to satisfy constraint: Member must not be null; ...</c>.
/// Only when every member is valid on its own do rules between members (InvalidRequestException) speak.
/// </summary>
internal static class AwsValidationFailures
{
    /// <summary>Custom state that keeps a failing value out of the message.</summary>
    public static readonly object Redacted = new();

    /// <summary>The error code of a broken member constraint; the service decides the error name it goes out as.</summary>
    public const string ConstraintCode = "Constraint";

    private const int MaxShownCodePoints = 256;

    public static ValidationFailure Constraint(string propertyPath, string clause, object? attemptedValue) =>
        new(propertyPath, clause, attemptedValue) { ErrorCode = ConstraintCode };

    public static AwsServiceException ToException(IReadOnlyList<ValidationFailure> failures, AwsService service)
    {
        var constraints = failures.Where(f => f.ErrorCode == ConstraintCode).ToList();
        if (constraints.Count == 0)
        {
            var first = failures[0];
            return AwsErrors.Of(first.ErrorCode, first.ErrorMessage);
        }

        var message = new StringBuilder()
            .Append(constraints.Count.ToString(CultureInfo.InvariantCulture))
            .Append(constraints.Count == 1 ? " validation error detected: " : " validation errors detected: ");
        for (var i = 0; i < constraints.Count; i++)
        {
            if (i > 0)
            {
                message.Append("; ");
            }

            AppendClause(message, constraints[i]);
        }

        return AwsErrors.Of(service.ConstraintError, message.ToString());
    }

    private static void AppendClause(StringBuilder message, ValidationFailure failure)
    {
        message.Append("Value ");
        if (failure.CustomState != Redacted)
        {
            message.Append(failure.AttemptedValue is null ? "null" : Quote(Render(failure.AttemptedValue))).Append(' ');
        }

        message.Append("at '").Append(ToMemberPath(failure.PropertyName))
            .Append("' failed to satisfy constraint: ").Append(failure.ErrorMessage);
    }

    /// <summary>Renders values the way AWS's Java services print them: lists as [a, b], maps as {k=v}.</summary>
    private static string Render(object value) => value switch
    {
        string s => s,
        IDictionary map => "{" + string.Join(", ", Entries(map).Select(e => $"{e.Key}={RenderNullable(e.Value)}")) + "}",
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(RenderNullable)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => "{...}",
    };

    private static IEnumerable<DictionaryEntry> Entries(IDictionary map)
    {
        // IDictionary's own enumerator yields DictionaryEntry; the IEnumerable one of a generic dictionary does not.
        var entries = map.GetEnumerator();
        while (entries.MoveNext())
        {
            yield return entries.Entry;
        }
    }

    private static string RenderNullable(object? value) => value is null ? "null" : Render(value);

    private static string Quote(string text)
    {
        // Long values are cut so that an error message and its log line stay readable.
        var shown = ConstraintText.CodePoints(text) <= MaxShownCodePoints
            ? text
            : string.Concat(text.AsSpan(0, char.IsHighSurrogate(text[MaxShownCodePoints - 1]) ? MaxShownCodePoints - 1 : MaxShownCodePoints), "...");
        return $"'{shown}'";
    }

    /// <summary>FluentValidation's <c>A.B[key].C</c> or <c>A[0]</c> as AWS's <c>a.b.key.c</c> or <c>a.1.member</c>.</summary>
    public static string ToMemberPath(string propertyPath)
    {
        var path = "";
        foreach (var segment in JsonErrorDescriber.ParsePath("$." + propertyPath))
        {
            path = segment.IsIndex
                ? int.TryParse(segment.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    ? AwsMemberPath.Index(path, index)
                    : AwsMemberPath.Key(path, segment.Name)
                : AwsMemberPath.Member(path, segment.Name);
        }

        return path;
    }
}
