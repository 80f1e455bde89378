using ConnectMock.Hosting;
using ConnectMock.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectMock.Tests.Hosting;

public sealed class CachingLoggerFactoryTests(ConnectMockFactory factory) : IClassFixture<ConnectMockFactory>
{
    [Fact]
    public void TheAppsLoggerFactory_ReturnsOneLoggerPerCategory()
    {
        var loggers = factory.Services.GetRequiredService<ILoggerFactory>();

        Assert.IsType<CachingLoggerFactory>(loggers);
        Assert.Same(loggers.CreateLogger("Microsoft.AspNetCore.Http.Result.OkObjectResult"), loggers.CreateLogger("Microsoft.AspNetCore.Http.Result.OkObjectResult"));
        Assert.NotSame(loggers.CreateLogger("A"), loggers.CreateLogger("B"));
    }

    [Fact]
    public void PastItsBound_LoggersAreStillMadeButNotKept()
    {
        using var inner = new CountingFactory();
        using var loggers = new CachingLoggerFactory(inner);
        for (var i = 0; i < CachingLoggerFactory.MaxCategories + 10; i++)
        {
            loggers.CreateLogger($"category-{i}");
        }

        loggers.CreateLogger("category-0");
        loggers.CreateLogger("one-too-many");
        loggers.CreateLogger("one-too-many");

        Assert.Equal(CachingLoggerFactory.MaxCategories + 10 + 2, inner.Created);
    }

    private sealed class CountingFactory : ILoggerFactory
    {
        public int Created { get; private set; }

        public ILogger CreateLogger(string categoryName)
        {
            Created++;
            return Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        }

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }
}
