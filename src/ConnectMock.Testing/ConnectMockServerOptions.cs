namespace ConnectMock.Testing;

/// <summary>
/// How <see cref="ConnectMockServer.StartAsync(ConnectMockServerOptions?, CancellationToken)"/> starts a server. Every
/// setting of the app (docs/configuration.md) is set by its configuration key in <see cref="Settings"/>; the keys are
/// constants of <see cref="ConnectMockSettings"/>. Nothing is read from environment variables or appsettings files of
/// the test process: a server gets the app's defaults and what these options say, and nothing else.
/// </summary>
public sealed class ConnectMockServerOptions
{
    /// <summary>The loopback port to listen on; 0 (the default) takes a free one, so that servers never collide.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Configuration keys and values, e.g. <c>[ConnectMockSettings.JournalCapacity] = "50"</c>; a list or a map is
    /// set by index or name: <c>"ConnectMock:Resources:Instances:0:Id"</c>, <c>"ConnectMock:Chat:Bot:Templates:menu"</c>.
    /// A bad value makes <see cref="ConnectMockServer.StartAsync(ConnectMockServerOptions?, CancellationToken)"/>
    /// throw <see cref="ConnectMockConfigurationException"/> naming the key, as the app exits with code 2.
    /// </summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The lowest level the server logs at (Serilog's names: Verbose, Debug, Information, Warning, Error, Fatal).
    /// Warning by default, so that a test run's output is not one line per request; <c>Information</c> shows them.
    /// </summary>
    public string MinimumLogLevel { get; set; } = "Warning";

    /// <summary>Sets one configuration key; returns these options, to chain.</summary>
    public ConnectMockServerOptions With(string key, string? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Settings[key] = value;
        return this;
    }

    /// <summary>Declares an instance at start, as <c>ConnectMock:Resources:Instances</c> does; returns these options.</summary>
    public ConnectMockServerOptions WithInstance(string instanceId, IEnumerable<string>? contactFlowIds = null, int? maxConcurrentActiveChats = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var index = Enumerable.Range(0, int.MaxValue).First(i => !Settings.ContainsKey($"{ConnectMockSettings.InstancesPrefix}:{i}:Id"));
        var prefix = $"{ConnectMockSettings.InstancesPrefix}:{index}";
        Settings[prefix + ":Id"] = instanceId;
        var flowIndex = 0;
        foreach (var flow in contactFlowIds ?? [])
        {
            Settings[$"{prefix}:ContactFlowIds:{flowIndex++}"] = flow;
        }

        if (maxConcurrentActiveChats is { } max)
        {
            Settings[prefix + ":MaxConcurrentActiveChats"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return this;
    }
}
