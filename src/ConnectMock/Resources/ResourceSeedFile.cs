using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ConnectMock.Resources;

/// <summary>
/// Adds the instances of <see cref="ResourceOptions.SeedFile"/> to the configured ones, and validates them all,
/// so that a missing file, bad JSON or an invalid instance stops the start with a message naming the problem.
/// </summary>
internal sealed class ResourceSeedFile : IPostConfigureOptions<ResourceOptions>, IValidateOptions<ResourceOptions>
{
    private static readonly JsonSerializerOptions SeedJson = new() { PropertyNameCaseInsensitive = true };

    public void PostConfigure(string? name, ResourceOptions options)
    {
        if (string.IsNullOrEmpty(options.SeedFile) || !File.Exists(options.SeedFile))
        {
            return;
        }

        try
        {
            var seed = JsonSerializer.Deserialize<ResourceOptions>(File.ReadAllText(options.SeedFile), SeedJson);
            options.Instances.AddRange(seed?.Instances ?? []);
        }
        catch (JsonException ex)
        {
            // Reported by Validate, which runs next at start.
            options.SeedFileError = $"{options.SeedFile} is not valid JSON: {ex.Message}";
        }
    }

    public ValidateOptionsResult Validate(string? name, ResourceOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.SeedFile) && !File.Exists(options.SeedFile))
        {
            failures.Add($"ConnectMock:Resources:SeedFile '{options.SeedFile}' does not exist.");
        }

        if (options.SeedFileError is not null)
        {
            failures.Add(options.SeedFileError);
        }

        foreach (var instance in options.Instances)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"Instance '{instance.Id}': {r.ErrorMessage}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
