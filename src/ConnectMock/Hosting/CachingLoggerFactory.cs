using System.Collections.Concurrent;

namespace ConnectMock.Hosting;

/// <summary>
/// One logger per category. Serilog's logger factory makes a new logger, with its own caches, on every
/// CreateLogger call, and ASP.NET Core's results (TypedResults.Ok and the like) call it on every response:
/// a logger and a ConcurrentDictionary per request (bench/RESULTS.md, "7. One logger per category"). Categories
/// are type names, a small set; past <see cref="MaxCategories"/> (names made up at run time) loggers are made as
/// before, uncached.
/// </summary>
internal sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public const int MaxCategories = 1024;

    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName)
    {
        if (_loggers.TryGetValue(categoryName, out var logger))
        {
            return logger;
        }

        logger = inner.CreateLogger(categoryName);
        return _loggers.Count < MaxCategories ? _loggers.GetOrAdd(categoryName, logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    /// <summary>Wraps the registered <see cref="ILoggerFactory"/> (Serilog's, once AddSerilog has run).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("No ILoggerFactory is registered to cache.");
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => new CachingLoggerFactory(registered.ImplementationFactory is { } factory
            ? (ILoggerFactory)factory(provider)
            : registered.ImplementationInstance as ILoggerFactory
                ?? (ILoggerFactory)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!)));
    }
}
