using Microsoft.Extensions.Options;

namespace ConnectMock.Instances;

/// <summary>
/// Checks the instances declared at start, in configuration and in the seed file, against <see cref="InstanceRules"/>
/// and <see cref="InstanceRegistry.MaxInstances"/>, as <c>PUT /_connectmock/instances</c> checks them at run time, and
/// reports a seed file that could not be read. Each problem names the key or the file to fix.
/// </summary>
internal sealed class InstanceOptionsValidator : IValidateOptions<InstanceOptions>
{
    private const string InstancesKey = InstanceOptions.Section + ":" + nameof(InstanceOptions.Instances);

    /// <summary>How many invalid instances are described; the start line stays readable when a whole file is wrong.</summary>
    private const int MaxDescribed = 3;

    /// <summary>InstanceId's own maximum, in UTF-16 units: enough to recognise an id, however long it is.</summary>
    private const int MaxShownIdLength = 100;

    public ValidateOptionsResult Validate(string? name, InstanceOptions options)
    {
        var failures = new List<string>();
        if (options.SeedFileError is not null)
        {
            failures.Add(options.SeedFileError);
        }

        var declared = options.Declared.Select(i => i.Id).Distinct(StringComparer.Ordinal).Count();
        if (declared > InstanceRegistry.MaxInstances)
        {
            failures.Add($"{InstancesKey}: {declared} instances are declared, with the seed file's; at most {InstanceRegistry.MaxInstances} may be.");
        }

        // Made only when there is something to check: building a validator's rules takes a few milliseconds.
        if (options.Instances.Count > 0 || options.SeedFileInstances.Count > 0)
        {
            var rules = new InstanceResourceValidator();
            var invalid = options.Instances.Select((instance, index) => Problem(rules, instance, $"{InstancesKey}:{index}"))
                .Concat(options.SeedFileInstances.Select((instance, index) =>
                    Problem(rules, instance, $"{InstanceSeedFile.SeedFileKey} '{options.SeedFile}' Instances[{index}]")))
                .OfType<string>()
                .ToList();
            failures.AddRange(invalid.Take(MaxDescribed));
            if (invalid.Count > MaxDescribed)
            {
                failures.Add($"{invalid.Count - MaxDescribed} more instances are invalid.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? Problem(InstanceResourceValidator rules, InstanceResource instance, string where)
    {
        var result = rules.Validate(instance);
        return result.IsValid ? null : $"{where}: instance '{Shown(instance.Id)}': {string.Join(" ", result.Errors.Select(e => e.ErrorMessage))}";
    }

    /// <summary>The id as the start line shows it: an id too long for the rules is cut, not printed whole.</summary>
    private static string Shown(string? id) =>
        id is null ? "" : id.Length <= MaxShownIdLength ? id : $"{id[..MaxShownIdLength]}...";
}
