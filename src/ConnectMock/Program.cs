using System.Globalization;
using ConnectMock.Hosting;
using Serilog;
using Serilog.Configuration;

if (HealthCheckCommand.IsRequested(args))
{
    return await HealthCheckCommand.RunAsync(args, Console.Out);
}

StartupWarmup.Begin();

// Until the app's logger is made; its text is escaped like the app's (a bad setting's value may hold anything).
Log.Logger = new LoggerConfiguration()
    .WriteTo.Sink(LoggerSinkConfiguration.Wrap(console => new EscapingSink(console), escaped => escaped.Console(formatProvider: CultureInfo.InvariantCulture)))
    .CreateBootstrapLogger();

try
{
    // appsettings.json sits next to the app, wherever it is started from: the working directory would be the
    // content root otherwise, and the defaults (log levels, limits) would silently go missing.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddConnectMock();

    var app = builder.Build();
    ConfigurationCheck.Validate(app);
    app.UseConnectMock();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ConfigurationCheck.Describe(ex) is { } problem)
{
    Log.Fatal("Invalid configuration, not starting: {Problem}", problem);
    return ConfigurationCheck.InvalidConfigurationExitCode;
}
catch (Exception ex) when (ex is ConnectMock.Contacts.ContactStoreUnavailableException or AggregateException { InnerException: ConnectMock.Contacts.ContactStoreUnavailableException })
{
    // A store that cannot be reached at start: one line that names the setting, not the host's stack trace.
    Log.Fatal("Not starting: {Problem}", (ex.InnerException as ConnectMock.Contacts.ContactStoreUnavailableException ?? ex).Message);
    return 1;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "ConnectMock stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
