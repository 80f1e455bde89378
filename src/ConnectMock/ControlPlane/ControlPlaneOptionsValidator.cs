using Microsoft.Extensions.Options;

namespace ConnectMock.ControlPlane;

/// <summary>Refuses, at start, a key that no HTTP header can carry and host entries that are not host names.</summary>
internal sealed class ControlPlaneOptionsValidator : IValidateOptions<ControlPlaneOptions>
{
    public ValidateOptionsResult Validate(string? name, ControlPlaneOptions options)
    {
        var failures = new List<string>();
        // An empty value (ConnectMock__ControlPlane__ApiKey=) means no key, as when it is not set at all.
        if (options.ApiKey is { Length: > 0 } key && !key.All(c => c is > ' ' and <= '~'))
        {
            failures.Add($"{ControlPlaneOptions.Section}:ApiKey must be printable ASCII without spaces, so that an HTTP header can carry it.");
        }

        for (var i = 0; i < options.AllowedHosts.Length; i++)
        {
            if (!HostAllowList.IsValidEntry(options.AllowedHosts[i]))
            {
                failures.Add($"{ControlPlaneOptions.Section}:AllowedHosts:{i} is '{options.AllowedHosts[i]}': give a host name without scheme, " +
                    "port or path (mock.example.com), *.example.com for every name under it, or * for any.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
