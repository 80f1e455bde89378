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
