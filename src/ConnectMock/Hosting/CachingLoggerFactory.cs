using System.Collections.Concurrent;

namespace ConnectMock.Hosting;

/// <summary>
/// One logger per category. Serilog's logger factory makes a new logger, with its own caches, on every
/// CreateLogger call, and ASP.NET Core's results (TypedResults.Ok and the like) call it on every response:
/// a logger and a ConcurrentDictionary per request (bench/RESULTS.md, "7. One logger per category"). Categories
/// are type names, a small set; past <see cref="MaxCategories"/> (names made up at run time) loggers are made as
/// before, uncached.
/// </summary>
internal sealed class CachingLoggerFactory(ILoggerFactory inner, RequestDiagnosticsLevel? requestDiagnostics = null) : ILoggerFactory
{
    public const int MaxCategories = 1024;

    /// <summary>Kestrel's general logger, whose scope Kestrel begins for every connection.</summary>
    public const string KestrelCategory = "Microsoft.AspNetCore.Server.Kestrel";

    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName)
    {
        if (_loggers.TryGetValue(categoryName, out var logger))
        {
            return logger;
        }

        logger = inner.CreateLogger(categoryName);
        if (requestDiagnostics is not null && categoryName == KestrelCategory)
        {
            logger = new WithoutScopesWhenQuiet(logger, requestDiagnostics);
        }

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
                ?? (ILoggerFactory)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!),
            provider.GetService<RequestDiagnosticsLevel>()));
    }

    /// <summary>
    /// Kestrel begins a logging scope (the connection's id) around every connection, when its general logger is
    /// enabled at all. With Serilog the scope pushes an enricher on the log context, and the connection's
    /// continuations carry it in their execution context for as long as the connection lives: about 240 bytes an open
    /// chat socket (bench/RESULTS.md, "Issue 19, fourth session"). Once the per-request diagnostics are quiet (their
    /// scope, with the request's path, is off too) this logger begins none; what it logs is unchanged, and Kestrel's
    /// own connection messages name the connection in their text.
    /// </summary>
    private sealed class WithoutScopesWhenQuiet(ILogger inner, RequestDiagnosticsLevel requestDiagnostics) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => requestDiagnostics.Quiet ? null : inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
