using System.Text;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;

namespace ConnectMock.Aws.Validation;

// Smithy's constraint traits (@required, @length, @range, @enum and friends) as FluentValidation property
// validators. Each failure message is only the constraint clause in AWS's wording, for example
// "Member must have length less than or equal to 100"; AwsValidationFailures adds "Value ... at '...'" around it.
// The marker interfaces let the OpenAPI filter publish the same constraints that are enforced.

/// <summary>A constraint on a string's length in code points, or on a list's item count.</summary>
internal interface ILengthConstraint
{
    int Min { get; }

    int? Max { get; }
}

/// <summary>Plain length bounds, for constraints that apply them to items rather than to the member itself.</summary>
internal sealed record LengthBounds(int Min, int? Max) : ILengthConstraint;

/// <summary>An inclusive integer range.</summary>
internal interface IRangeConstraint
{
    long Min { get; }

    long Max { get; }
}

/// <summary>A closed set of allowed string values.</summary>
internal interface IAllowedValuesConstraint
{
    IReadOnlyList<string> Values { get; }
}

/// <summary>A constraint applied to every item of a list or every value of a map.</summary>
internal interface IItemConstraint
{
    ILengthConstraint? ItemLength { get; }

    IAllowedValuesConstraint? ItemValues { get; }
}

/// <summary>A constraint that the API documentation can only state in words.</summary>
internal interface IDescribedConstraint
{
    string Description { get; }
}

/// <summary>The text AWS uses for each kind of constraint clause.</summary>
internal static class ConstraintText
{
    public const string NotNull = "Member must not be null";

    public static string LengthAtLeast(int min) => $"Member must have length greater than or equal to {min}";

    public static string LengthAtMost(int max) => $"Member must have length less than or equal to {max}";

    public static string ValueAtLeast(long min) => $"Member must have value greater than or equal to {min}";

    public static string ValueAtMost(long max) => $"Member must have value less than or equal to {max}";

    public static string EnumValueSet(IEnumerable<string> values) => $"Member must satisfy enum value set: [{string.Join(", ", values)}]";

    public static string Pattern(string pattern) => $"Member must satisfy regular expression pattern: {pattern}";

    /// <summary>The UTF-8 size of all keys and values of a string map together.</summary>
    public static long Utf8Bytes(IEnumerable<KeyValuePair<string, string?>> map)
    {
        long total = 0;
        foreach (var (key, item) in map)
        {
            total += Encoding.UTF8.GetByteCount(key) + (item is null ? 0 : Encoding.UTF8.GetByteCount(item));
        }

        return total;
    }

    /// <summary>Code points, as Smithy's @length counts them: a surrogate pair is one character.</summary>
    public static int CodePoints(string value)
    {
        var count = value.Length;
        foreach (var c in value)
        {
            if (char.IsLowSurrogate(c))
            {
                count--;
            }
        }

        return count;
    }

    /// <summary>Ordinal membership, by index: LINQ's Contains with a comparer allocates an enumerator per call.</summary>
    public static bool IsOneOf(string value, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first length clause that <paramref name="length"/> breaks, or null.</summary>
    public static string? Length(int length, int min, int? max) =>
        length < min ? LengthAtLeast(min) : length > max ? LengthAtMost(max.Value) : null;
}

/// <summary>Base for the AWS constraint validators: the message is the constraint clause the value broke.</summary>
internal abstract class AwsConstraintValidator<T, TProperty> : PropertyValidator<T, TProperty>
{
    private const string ClauseArgument = "Clause";

    public override string Name => GetType().Name;

    public override bool IsValid(ValidationContext<T> context, TProperty value)
    {
        if (value is null || Violation(context.InstanceToValidate, value) is not { } clause)
        {
            return true;
        }

        context.MessageFormatter.AppendArgument(ClauseArgument, clause);
        return false;
    }

    /// <summary>The constraint clause that a non-null <paramref name="value"/> breaks, or null when it holds.</summary>
    protected virtual string? Violation(T instance, TProperty value) => Violation(value);

    /// <summary>The same, for constraints that look at the member alone.</summary>
    protected virtual string? Violation(TProperty value) => null;

    protected override string GetDefaultMessageTemplate(string errorCode) => "{" + ClauseArgument + "}";
}

internal sealed class CodePointLengthValidator<T>(int min, int? max) : AwsConstraintValidator<T, string?>, ILengthConstraint
{
    public int Min => min;

    public int? Max => max;

    protected override string? Violation(string? value) => ConstraintText.Length(ConstraintText.CodePoints(value!), min, max);
}

internal sealed class ItemCountValidator<T, TItem>(int min, int? max) : AwsConstraintValidator<T, List<TItem>?>, ILengthConstraint
{
    public int Min => min;

    public int? Max => max;

    protected override string? Violation(List<TItem>? value) => ConstraintText.Length(value!.Count, min, max);
}

internal sealed class IntegerRangeValidator<T>(long min, long max) : AwsConstraintValidator<T, int?>, IRangeConstraint
{
    public long Min => min;

    public long Max => max;

    protected override string? Violation(int? value) =>
        value < min ? ConstraintText.ValueAtLeast(min) : value > max ? ConstraintText.ValueAtMost(max) : null;
}

/// <summary>The range of a <c>long</c> member (the model's <c>range</c> trait on a long shape).</summary>
internal sealed class LongRangeValidator<T>(long min, long max) : AwsConstraintValidator<T, long?>, IRangeConstraint
{
    public long Min => min;

    public long Max => max;

    protected override string? Violation(long? value) =>
        value < min ? ConstraintText.ValueAtLeast(min) : value > max ? ConstraintText.ValueAtMost(max) : null;
}

internal sealed class AllowedValuesValidator<T>(IReadOnlyList<string> values) : AwsConstraintValidator<T, string?>, IAllowedValuesConstraint
{
    public IReadOnlyList<string> Values => values;

    protected override string? Violation(string? value) =>
        ConstraintText.IsOneOf(value!, values) ? null : ConstraintText.EnumValueSet(values);
}

/// <summary>Length and allowed values of each item of a list of strings, reported at the list as AWS does.</summary>
internal sealed class ListItemsValidator<T>(ILengthConstraint? length, IAllowedValuesConstraint? allowed)
    : AwsConstraintValidator<T, List<string?>?>, IItemConstraint
{
    public ILengthConstraint? ItemLength => length;

    public IAllowedValuesConstraint? ItemValues => allowed;

    protected override string? Violation(List<string?>? value)
    {
        foreach (var item in value!)
        {
            var clause = item is null ? ConstraintText.NotNull
                : length is null ? null : ConstraintText.Length(ConstraintText.CodePoints(item), length.Min, length.Max);
            clause ??= allowed is not null && !ConstraintText.IsOneOf(item!, allowed.Values)
                ? ConstraintText.EnumValueSet(allowed.Values)
                : null;
            if (clause is not null)
            {
                return $"Member must satisfy constraint: [{clause}]";
            }
        }

        return null;
    }
}

/// <summary>
/// A model's pattern trait: its text, as error messages quote it, and the regex that checks it whole (anchored with
/// \z, not $, which also matches before a final newline). The regex is source-generated by its owner: built at run
/// time, a non-backtracking regex was a visible part of the first request (bench/RESULTS.md, "6. Start time"), and
/// the generated code is as linear for these character-class patterns.
/// </summary>
internal sealed record KeyPattern(string Text, Regex Regex);

/// <summary>Length and characters of each key of a map.</summary>
internal sealed class MapKeysValidator<T, TValue>(int min, int max, KeyPattern? pattern = null)
    : AwsConstraintValidator<T, Dictionary<string, TValue>?>, IDescribedConstraint
{
    public string Description => pattern is null
        ? $"Keys: {min} to {max} characters."
        : $"Keys: {min} to {max} characters matching {pattern.Text}.";

    protected override string? Violation(Dictionary<string, TValue>? value)
    {
        foreach (var key in value!.Keys)
        {
            var clause = ConstraintText.Length(ConstraintText.CodePoints(key), min, max)
                ?? (pattern is not null && !pattern.Regex.IsMatch(key) ? ConstraintText.Pattern(pattern.Text) : null);
            if (clause is not null)
            {
                return $"Map keys must satisfy constraint: [{clause}]";
            }
        }

        return null;
    }
}

/// <summary>Length of each string value of a map; null values are refused.</summary>
internal sealed class MapStringValuesValidator<T>(int min, int max)
    : AwsConstraintValidator<T, Dictionary<string, string?>?>, IItemConstraint
{
    public ILengthConstraint ItemLength { get; } = new LengthBounds(min, max);

    public IAllowedValuesConstraint? ItemValues => null;

    protected override string? Violation(Dictionary<string, string?>? value)
    {
        foreach (var item in value!.Values)
        {
            var clause = item is null ? ConstraintText.NotNull : ConstraintText.Length(ConstraintText.CodePoints(item), min, max);
            if (clause is not null)
            {
                return $"Map value must satisfy constraint: [{clause}]";
            }
        }

        return null;
    }
}

/// <summary>The documented cap on the UTF-8 size of all keys and values of an attribute map together.</summary>
internal sealed class MapTotalUtf8BytesValidator<T>(int maxBytes) : AwsConstraintValidator<T, Dictionary<string, string?>?>
{
    protected override string? Violation(Dictionary<string, string?>? value)
    {
        var total = ConstraintText.Utf8Bytes(value!);
        return total > maxBytes
            ? $"Member must have a total size of keys and values less than or equal to {maxBytes} UTF-8 bytes, but has {total}"
            : null;
    }
}

/// <summary>Runs a validator on every value of a map, naming each failure by its key.</summary>
internal sealed class MapValuesValidator<T, TValue>(IValidator<TValue> inner)
    : PropertyValidator<T, Dictionary<string, TValue?>?> where TValue : class
{
    public override string Name => nameof(MapValuesValidator<,>);

    public override bool IsValid(ValidationContext<T> context, Dictionary<string, TValue?>? value)
    {
        if (value is null)
        {
            return true;
        }

        foreach (var (key, item) in value)
        {
            NestedValidation.Run(context, inner, $"{context.PropertyPath}[{key}]", item);
        }

        return true;
    }

    protected override string GetDefaultMessageTemplate(string errorCode) => "";
}

/// <summary>Runs a validator on every item of a list, naming each failure by its index.</summary>
internal sealed class ListValuesValidator<T, TValue>(IValidator<TValue> inner)
    : PropertyValidator<T, List<TValue?>?> where TValue : class
{
    public override string Name => nameof(ListValuesValidator<,>);

    public override bool IsValid(ValidationContext<T> context, List<TValue?>? value)
    {
        for (var i = 0; i < (value?.Count ?? 0); i++)
        {
            NestedValidation.Run(context, inner, $"{context.PropertyPath}[{i}]", value![i]);
        }

        return true;
    }

    protected override string GetDefaultMessageTemplate(string errorCode) => "";
}

internal static class NestedValidation
{
    /// <summary>Validates one nested value under <paramref name="path"/>; a null value breaks "must not be null".</summary>
    public static void Run<T, TValue>(ValidationContext<T> context, IValidator<TValue> inner, string path, TValue? item)
        where TValue : class
    {
        if (item is null)
        {
            context.AddFailure(AwsValidationFailures.Constraint(path, ConstraintText.NotNull, null));
            return;
        }

        var chain = new PropertyChain();
        chain.Add(path);
        foreach (var failure in inner.Validate(new ValidationContext<TValue>(item, chain, context.Selector)).Errors)
        {
            context.AddFailure(failure);
        }
    }
}

/// <summary>The rule-builder vocabulary that the operation validators are written in.</summary>
internal static class AwsConstraintRules
{
    public static IRuleBuilderOptions<T, TProperty> Required<T, TProperty>(this IRuleBuilder<T, TProperty> rule) =>
        rule.NotNull().WithMessage(ConstraintText.NotNull).WithErrorCode(AwsValidationFailures.ConstraintCode);

    public static IRuleBuilderOptions<T, string?> HasLength<T>(this IRuleBuilder<T, string?> rule, int min, int? max) =>
        rule.SetValidator(new CodePointLengthValidator<T>(min, max)).WithErrorCode(AwsValidationFailures.ConstraintCode);

    /// <summary>A length from <see cref="AwsMemberLimits"/>, the members several operations share.</summary>
    public static IRuleBuilderOptions<T, string?> HasLength<T>(this IRuleBuilder<T, string?> rule, LengthBounds limit) =>
        rule.HasLength(limit.Min, limit.Max);

    public static IRuleBuilderOptions<T, List<TItem>?> Count<T, TItem>(this IRuleBuilder<T, List<TItem>?> rule, int min, int? max) =>
        rule.SetValidator(new ItemCountValidator<T, TItem>(min, max)).WithErrorCode(AwsValidationFailures.ConstraintCode);

    public static IRuleBuilderOptions<T, int?> Range<T>(this IRuleBuilder<T, int?> rule, long min, long max) =>
        rule.SetValidator(new IntegerRangeValidator<T>(min, max)).WithErrorCode(AwsValidationFailures.ConstraintCode);

    public static IRuleBuilderOptions<T, long?> Range<T>(this IRuleBuilder<T, long?> rule, long min, long max) =>
        rule.SetValidator(new LongRangeValidator<T>(min, max)).WithErrorCode(AwsValidationFailures.ConstraintCode);

    public static IRuleBuilderOptions<T, string?> OneOf<T>(this IRuleBuilder<T, string?> rule, IReadOnlyList<string> values) =>
        rule.SetValidator(new AllowedValuesValidator<T>(values)).WithErrorCode(AwsValidationFailures.ConstraintCode);

    public static IRuleBuilderOptions<T, List<string?>?> EachItem<T>(
        this IRuleBuilder<T, List<string?>?> rule, (int Min, int Max)? length = null, IReadOnlyList<string>? oneOf = null) =>
        rule.SetValidator(new ListItemsValidator<T>(
                length is { } l ? new LengthBounds(l.Min, l.Max) : null,
                oneOf is null ? null : new AllowedValuesValidator<T>(oneOf)))
            .WithErrorCode(AwsValidationFailures.ConstraintCode);

    public static IRuleBuilderOptions<T, Dictionary<string, TValue>?> Keys<T, TValue>(
        this IRuleBuilder<T, Dictionary<string, TValue>?> rule, int min, int max, KeyPattern? pattern = null) =>
        rule.SetValidator(new MapKeysValidator<T, TValue>(min, max, pattern)).WithErrorCode(AwsValidationFailures.ConstraintCode);

    public static IRuleBuilderOptions<T, Dictionary<string, string?>?> StringValues<T>(
        this IRuleBuilder<T, Dictionary<string, string?>?> rule, int min, int max) =>
        rule.SetValidator(new MapStringValuesValidator<T>(min, max)).WithErrorCode(AwsValidationFailures.ConstraintCode);

    public static IRuleBuilderOptions<T, Dictionary<string, string?>?> TotalUtf8Bytes<T>(
        this IRuleBuilder<T, Dictionary<string, string?>?> rule, int maxBytes) =>
        rule.SetValidator(new MapTotalUtf8BytesValidator<T>(maxBytes)).WithErrorCode(AwsValidationFailures.ConstraintCode);

    public static IRuleBuilderOptions<T, Dictionary<string, TValue?>?> EachValue<T, TValue>(
        this IRuleBuilder<T, Dictionary<string, TValue?>?> rule, IValidator<TValue> validator) where TValue : class =>
        rule.SetValidator(new MapValuesValidator<T, TValue>(validator));

    public static IRuleBuilderOptions<T, List<TValue?>?> EachValue<T, TValue>(
        this IRuleBuilder<T, List<TValue?>?> rule, IValidator<TValue> validator) where TValue : class =>
        rule.SetValidator(new ListValuesValidator<T, TValue>(validator));

    /// <summary>A rule of the documentation rather than the model, still reported as an invalid parameter.</summary>
    public static IRuleBuilderOptions<T, TProperty> Documented<T, TProperty>(
        this IRuleBuilder<T, TProperty> rule, Func<T, TProperty, bool> holds, string clause) =>
        rule.Must((instance, value) => value is null || holds(instance, value))
            .WithMessage(clause)
            .WithErrorCode(AwsValidationFailures.ConstraintCode);

    /// <summary>Leaves the value out of the error message, as AWS does for @sensitive members.</summary>
    public static IRuleBuilderOptions<T, TProperty> Sensitive<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule) =>
        rule.WithState((_, _) => AwsValidationFailures.Redacted);
}
