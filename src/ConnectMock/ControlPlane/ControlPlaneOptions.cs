using Microsoft.Extensions.Options;

namespace ConnectMock.ControlPlane;

/// <summary>Who may use the control plane. Section <c>ConnectMock:ControlPlane</c>.</summary>
internal sealed class ControlPlaneOptions
{
    public const string Section = "ConnectMock:ControlPlane";

    /// <summary>false takes the control plane away: its paths answer 404 and Swagger leaves it out.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When set, every control-plane request must carry it (<see cref="ControlPlaneGuard.ApiKeyHeader"/> or a bearer token).</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Host names the control plane answers besides the defaults (IP literals, localhost, *.localhost and single-label
    /// names): exact names, <c>*.example.com</c> for every name under example.com, or <c>*</c> for any. A request
    /// that carries the <see cref="ApiKey"/> is answered under any name.
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];

    public bool RequiresKey => !string.IsNullOrEmpty(ApiKey);
}

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
