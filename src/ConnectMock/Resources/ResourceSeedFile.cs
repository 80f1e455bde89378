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

        // Problems are reported by Validate, which runs next at start, so they stop it with a message, not a stack trace.
        try
        {
            var seed = JsonSerializer.Deserialize<ResourceOptions>(File.ReadAllText(options.SeedFile), SeedJson);
            foreach (var instance in seed?.Instances ?? [])
            {
                if (instance is null)
                {
                    options.SeedFileError = $"{options.SeedFile}: an entry of Instances is null.";
                    return;
                }

                // A null list in JSON means none, as an absent one does.
                instance.ContactFlowIds ??= [];
                options.Instances.Add(instance);
            }
        }
        catch (JsonException ex)
        {
            options.SeedFileError = $"{options.SeedFile} is not valid JSON at {ex.Path ?? "$"} (line {(ex.LineNumber ?? 0) + 1}).";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            options.SeedFileError = $"{options.SeedFile} cannot be read: {ex.Message}";
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
