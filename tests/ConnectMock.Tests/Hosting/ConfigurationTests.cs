using System.Text.Json;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Hosting;

/// <summary>Settings from environment variables and arguments, checked at start, on the real process.</summary>
public sealed class ConfigurationTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("ConnectMock__Store__MaxContacts", "0", "MaxContacts")]
    [InlineData("ConnectMock__Store__MaxMemoryMegabytes", "-5", "MaxMemoryMegabytes")]
    [InlineData("ConnectMock__Api__MaxRequestBodyBytes", "12", "MaxRequestBodyBytes")]
    [InlineData("ConnectMock__Journal__Capacity", "-1", "Capacity")]
    [InlineData("ConnectMock__Store__MaxContacts", "lots", "ConnectMock:Store:MaxContacts")]
    [InlineData("ConnectMock__Logging__Format", "Xml", "ConnectMock:Logging:Format")]
    [InlineData("ConnectMock__Resources__SeedFile", "/no/such/seed.json", "/no/such/seed.json")]
    [InlineData("ConnectMock__Chat__Bot__DelayMs", "600000", "DelayMs")]
    [InlineData("ConnectMock__Region", "mars", "Region")]
    [InlineData("ConnectMock__ControlPlane__ApiKey", " ", "ApiKey")]
    [InlineData("ConnectMock__ControlPlane__ApiKey", "two words", "ApiKey")]
    [InlineData("ConnectMock__ControlPlane__AllowedHosts__0", "http://mock.example.com/", "AllowedHosts")]
    [InlineData("ConnectMock__ControlPlane__AllowedHosts__0", "mock.example.com:8080", "AllowedHosts")]
    [InlineData("ConnectMock__ControlPlane__Enabled", "maybe", "ConnectMock:ControlPlane:Enabled")]
    [InlineData("Serilog__MinimumLevel__Default", "Loud", "Serilog:MinimumLevel:Default")]
    [InlineData("Serilog__MinimumLevel__Override__Microsoft.AspNetCore", "Quiet", "Serilog:MinimumLevel:Override:Microsoft.AspNetCore")]
    public async Task Start_WithAnInvalidSetting_StopsWithAMessageNamingIt(string variable, string value, string named)
    {
        await using var app = AppProcess.Start(new Dictionary<string, string> { [variable] = value });

        Assert.True(await app.WaitForExitAsync(StartTimeout), "the process should stop by itself");
        Assert.NotEqual(0, app.ExitCode);
        Assert.Contains(app.Output, line => line.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithAnInvalidListenUrl_StopsWithAMessage()
    {
        await using var app = AppProcess.Start(arguments: ["--urls", "not a url"]);

        Assert.True(await app.WaitForExitAsync(StartTimeout));
        Assert.NotEqual(0, app.ExitCode);
        Assert.Contains(app.Output, line => line.Contains("not a url", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithJsonLogFormat_WritesOneJsonObjectPerRequest()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string> { ["ConnectMock__Logging__Format"] = "Json" });
        Assert.True(await app.WaitUntilHealthyAsync(StartTimeout), string.Join('\n', app.Output));
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        var response = await client.StartChatAsync(Requests.Minimal(clientToken: "json-log").ToJsonString());
        var token = AwsAssert.Started(response).ParticipantToken;

        var line = await app.WaitForOutputAsync(l => l.Contains("\"ClientToken\":\"json-log\"", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.NotNull(line);
        using var log = JsonDocument.Parse(line);
        var properties = log.RootElement;
        Assert.Equal("StartChatContact", properties.GetProperty("Operation").GetString());
        Assert.Equal(200, properties.GetProperty("StatusCode").GetInt32());
        Assert.Equal(response.RequestId, properties.GetProperty("RequestId").GetString());
        Assert.True(properties.GetProperty("Elapsed").GetDouble() >= 0);
        Assert.DoesNotContain(app.Output, l => l.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithOtherSerilogSettings_StillAppliesThem()
    {
        // Serilog settings beyond levels (here a property added to every event) go through Serilog's own reader.
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["ConnectMock__Logging__Format"] = "Json",
            ["Serilog__Properties__Team"] = "chat-backend",
            ["Serilog__MinimumLevel__Default"] = "Information",
        });
        Assert.True(await app.WaitUntilHealthyAsync(StartTimeout), string.Join('\n', app.Output));
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        await client.StartChatAsync(Requests.Minimal(clientToken: "serilog-properties").ToJsonString());

        var line = await app.WaitForOutputAsync(l => l.Contains("\"ClientToken\":\"serilog-properties\"", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.NotNull(line);
        using var log = JsonDocument.Parse(line);
        Assert.Equal("chat-backend", log.RootElement.GetProperty("Team").GetString());
    }

    [Fact]
    public async Task Start_WithDebugLevelFromEnvironment_LogsAtDebug()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["Serilog__MinimumLevel__Default"] = "Debug",
            ["Serilog__MinimumLevel__Override__Microsoft.AspNetCore"] = "Debug",
        });
        Assert.True(await app.WaitUntilHealthyAsync(StartTimeout));

        Assert.NotNull(await app.WaitForOutputAsync(l => l.Contains(" DBG]", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Start_WithAspNetCoreAtInformation_LogsItsOwnRequestLinesToo()
    {
        // By default hosting's per-request diagnostics are switched off once started; raised, they are left on.
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["Serilog__MinimumLevel__Override__Microsoft.AspNetCore"] = "Information",
        });
        Assert.True(await app.WaitUntilHealthyAsync(StartTimeout));
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        await client.StartChatAsync(Requests.Minimal(clientToken: "aspnet-lines").ToJsonString());

        Assert.NotNull(await app.WaitForOutputAsync(
            l => l.Contains("Request finished", StringComparison.Ordinal) && l.Contains("/contact/chat", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Start_WithASeedFile_RefusesUnknownInstances()
    {
        var seed = Path.Combine(Path.GetTempPath(), $"connectmock-seed-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(seed, """{"Instances":[{"Id":"seeded-instance","ContactFlowIds":["seeded-flow"]}]}""", TestContext.Current.CancellationToken);
        try
        {
            await using var app = AppProcess.Start(new Dictionary<string, string> { ["ConnectMock__Resources__SeedFile"] = seed });
            Assert.True(await app.WaitUntilHealthyAsync(StartTimeout), string.Join('\n', app.Output));
            using var client = new HttpClient { BaseAddress = app.BaseAddress };

            var known = await client.StartChatAsync(Requests.Minimal().With("InstanceId", "seeded-instance").With("ContactFlowId", "seeded-flow").ToJsonString());
            var unknown = await client.StartChatAsync(Requests.Minimal().ToJsonString());

            AwsAssert.Started(known);
            Assert.Equal("Resource not found of Type: null", AwsAssert.Error(unknown, System.Net.HttpStatusCode.NotFound, "ResourceNotFoundException"));
        }
        finally
        {
            File.Delete(seed);
        }
    }

    [Fact]
    public async Task Start_FromAnotherDirectory_StillReadsItsAppsettings()
    {
        await using var app = AppProcess.StartIn(Path.GetTempPath());
        Assert.True(await app.WaitUntilHealthyAsync(StartTimeout), string.Join('\n', app.Output));
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Contains(app.Output, line => line.Contains($"Content root path: {AppContext.BaseDirectory}", StringComparison.Ordinal));
        // appsettings.json turns ASP.NET Core's own request lines down to Warning; without it they would show.
        Assert.DoesNotContain(app.Output, line => line.Contains("Request starting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sigterm_StopsGracefullyWithExitCodeZero()
    {
        await using var app = AppProcess.Start();
        Assert.True(await app.WaitUntilHealthyAsync(StartTimeout));

        app.Terminate();

        Assert.True(await app.WaitForExitAsync(TimeSpan.FromSeconds(10)), "stops within 10 s of SIGTERM");
        Assert.Equal(0, app.ExitCode);
    }
}
