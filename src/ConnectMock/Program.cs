using System.Globalization;
using ConnectMock.Hosting;
using Serilog;

if (HealthCheckCommand.IsRequested(args))
{
    return await HealthCheckCommand.RunAsync(args, Console.Out);
}

StartupWarmup.Begin();

Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
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
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "ConnectMock stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
