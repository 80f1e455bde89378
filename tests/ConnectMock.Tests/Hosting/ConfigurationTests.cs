using System.Text.Json;
using ConnectMock.Tests.ControlPlane;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Hosting;

/// <summary>Settings from environment variables and arguments, checked at start, on the real process.</summary>
public sealed class ConfigurationTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("ConnectMock__Store__MaxContacts", "0", "ConnectMock:Store:MaxContacts")]
    [InlineData("ConnectMock__Store__MaxContacts", "abc", "ConnectMock:Store:MaxContacts")]
    [InlineData("ConnectMock__Store__MaxMemoryMegabytes", "-5", "ConnectMock:Store:MaxMemoryMegabytes")]
    [InlineData("ConnectMock__Store__ClientTokenLifetime", "soon", "ConnectMock:Store:ClientTokenLifetime")]
    [InlineData("ConnectMock__Store__Provider", "Memcached", "ConnectMock:Store:Provider")]
    [InlineData("ConnectMock__Store__Provider", "Redis", "ConnectMock:Store:Redis:Configuration")]
    [InlineData("ConnectMock__Api__MaxRequestBodyBytes", "12", "ConnectMock:Api:MaxRequestBodyBytes")]
    [InlineData("ConnectMock__Journal__Capacity", "-1", "ConnectMock:Journal:Capacity")]
    [InlineData("ConnectMock__Logging__Format", "Fancy", "ConnectMock:Logging:Format")]
    [InlineData("ConnectMock__Logging__Format", "7", "ConnectMock:Logging:Format")]
    [InlineData("ConnectMock__Resources__SeedFile", "/no/such/seed.json", "ConnectMock:Resources:SeedFile")]
    [InlineData("ConnectMock__Resources__Instances__0__MaxConcurrentActiveChats", "many", "ConnectMock:Resources:Instances:0:MaxConcurrentActiveChats")]
    [InlineData("ConnectMock__Chat__Bot__DelayMs", "600000", "ConnectMock:Chat:Bot:DelayMs")]
    [InlineData("ConnectMock__Chat__Bot__Enabled", "maybe", "ConnectMock:Chat:Bot:Enabled")]
    [InlineData("ConnectMock__Chat__Bot__Templates__menu", """{"templateType":"ListPicker","version":"1.0","data":{"content":{"title":"Pick","elements":[]}}}""", "ConnectMock:Chat:Bot:Templates")]
    [InlineData("ConnectMock__Chat__Bot__Templates__menu", "not json", "ConnectMock:Chat:Bot:Templates")]
    [InlineData("ConnectMock__Chat__WebSocketBaseUrl", "notaurl", "ConnectMock:Chat:WebSocketBaseUrl")]
    [InlineData("ConnectMock__Chat__WebSocketBaseUrl", "http://chat.test", "ConnectMock:Chat:WebSocketBaseUrl")]
    [InlineData("ConnectMock__Chat__WebSocketBaseUrl", "wss://chat.test/?a=b", "ConnectMock:Chat:WebSocketBaseUrl")]
    [InlineData("ConnectMock__Chat__CloseHandshakeTimeout", "00:00:00", "ConnectMock:Chat:CloseHandshakeTimeout")]
    [InlineData("ConnectMock__Chat__CloseHandshakeTimeout", "soon", "ConnectMock:Chat:CloseHandshakeTimeout")]
    [InlineData("ConnectMock__Chat__MaxSocketsPerParticipant", "0", "ConnectMock:Chat:MaxSocketsPerParticipant")]
    [InlineData("ConnectMock__Chat__MaxOpenSockets", "0", "ConnectMock:Chat:MaxOpenSockets")]
    [InlineData("ConnectMock__Attachments__MaxBytes", "0", "ConnectMock:Attachments:MaxBytes")]
    [InlineData("ConnectMock__Attachments__MaxFileBytes", "300000000", "ConnectMock:Attachments:MaxFileBytes")]
    [InlineData("ConnectMock__Attachments__MaxPerContact", "0", "ConnectMock:Attachments:MaxPerContact")]
    [InlineData("ConnectMock__Attachments__Scanning__DelayMs", "61000", "ConnectMock:Attachments:Scanning:DelayMs")]
    [InlineData("ConnectMock__Attachments__Scanning__RejectNamePattern", "(unclosed", "ConnectMock:Attachments:Scanning:RejectNamePattern")]
    [InlineData("ConnectMock__Region", "mars", "ConnectMock:Region")]
    [InlineData("ConnectMock__Region", "", "ConnectMock:Region")]
    [InlineData("ConnectMock__AccountId", "", "ConnectMock:AccountId")]
    [InlineData("ConnectMock__ControlPlane__ApiKey", " ", "ConnectMock:ControlPlane:ApiKey")]
    [InlineData("ConnectMock__ControlPlane__ApiKey", "two words", "ConnectMock:ControlPlane:ApiKey")]
    [InlineData("ConnectMock__ControlPlane__AllowedHosts__0", "http://mock.example.com/", "ConnectMock:ControlPlane:AllowedHosts")]
    [InlineData("ConnectMock__ControlPlane__AllowedHosts__0", "mock.example.com:8080", "ConnectMock:ControlPlane:AllowedHosts")]
    [InlineData("ConnectMock__ControlPlane__Enabled", "maybe", "ConnectMock:ControlPlane:Enabled")]
    [InlineData("Serilog__MinimumLevel__Default", "Loud", "Serilog:MinimumLevel:Default")]
    [InlineData("Serilog__MinimumLevel__Override__Microsoft.AspNetCore", "Quiet", "Serilog:MinimumLevel:Override:Microsoft.AspNetCore")]
    [InlineData("Serilog__MinimumLevel__Default", "Loud", "Serilog:MinimumLevel:Default", "Serilog__Properties__Team")]
    [InlineData("DOTNET_SHUTDOWNTIMEOUTSECONDS", "abc", "shutdownTimeoutSeconds")]
    [InlineData("--urls", "not a url", "urls")]
    [InlineData("--urls", "ftp://127.0.0.1:8080", "urls")]
    [InlineData("--urls", "http://127.0.0.1:99999", "urls")]
    public async Task Start_WithAnInvalidSetting_ExitsWith2AndOneLineNamingIt(string variable, string value, string key, string? alongside = null)
    {
        // A Serilog setting beyond levels sends the whole section through Serilog's own reader.
        var environment = new Dictionary<string, string> { [variable] = value };
        if (alongside is not null)
        {
            environment[alongside] = "chat";
        }

        await using var app = variable.StartsWith("--", StringComparison.Ordinal)
            ? AppProcess.Start(arguments: [variable, value])
            : AppProcess.Start(environment);

        Assert.True(await app.WaitForExitAsync(StartTimeout), "the process should stop by itself");
        Assert.True(app.ExitCode == 2, $"exit code {app.ExitCode}:\n{string.Join('\n', app.Output)}");
        var line = Assert.Single(app.Output, l => l.Contains(" FTL] ", StringComparison.Ordinal));
        Assert.Contains(key, line, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Output, l => l.StartsWith("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Output, l => l.Contains(" ERR] ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithARedisStoreThatCannotBeReached_ExitsAtOnceWithOneLineNamingTheSetting()
    {
        // A port nobody listens on: the connection is refused, and the start must not wait for it to come.
        var address = $"127.0.0.1:{AppProcess.FreePort()}";
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["ConnectMock__Store__Provider"] = "Redis",
            ["ConnectMock__Store__Redis__Configuration"] = address,
        });

        Assert.True(await app.WaitForExitAsync(StartTimeout), "the process should stop by itself");
        Assert.True(app.ExitCode == 1, $"exit code {app.ExitCode}:\n{string.Join('\n', app.Output)}");
        var line = Assert.Single(app.Output, l => l.Contains(" FTL] ", StringComparison.Ordinal));
        Assert.Contains("ConnectMock:Store:Redis:Configuration", line, StringComparison.Ordinal);
        Assert.Contains(address, line, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Output, l => l.StartsWith("   at ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ResourceTests.InvalidInstanceCases), MemberType = typeof(ResourceTests))]
    public async Task Start_WithAnInvalidInstanceInConfiguration_ExitsWith2AndOneLineNamingIt(string invalid)
    {
        var instance = ResourceTests.InvalidInstances[invalid];
        const string Prefix = "ConnectMock__Resources__Instances__0__";
        var environment = new Dictionary<string, string> { [Prefix + "Id"] = instance.Id };
        for (var i = 0; i < instance.ContactFlowIds.Length; i++)
        {
            environment[$"{Prefix}ContactFlowIds__{i}"] = instance.ContactFlowIds[i];
        }

        if (instance.MaxConcurrentActiveChats is { } quota)
        {
            environment[Prefix + "MaxConcurrentActiveChats"] = quota.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var app = AppProcess.Start(environment);

        Assert.True(await app.WaitForExitAsync(StartTimeout), "the process should stop by itself");
        Assert.True(app.ExitCode == 2, $"exit code {app.ExitCode}:\n{string.Join('\n', app.Output)}");
        var line = Assert.Single(app.Output, l => l.Contains(" FTL] ", StringComparison.Ordinal));
        var shownId = instance.Id.Length > 100 ? $"{instance.Id[..100]}..." : instance.Id;
        Assert.Contains($"ConnectMock:Resources:Instances:0: instance '{shownId}': {instance.Rule}", line, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Output, l => l.StartsWith("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithAnInstanceIdOf100CodePointsOutsideTheBmp_DeclaresIt()
    {
        // 200 UTF-16 units: Connect, and PUT /instances, count characters as code points.
        var instanceId = string.Concat(Enumerable.Repeat("\U0001F600", 100));
        await using var app = AppProcess.Start(new Dictionary<string, string> { ["ConnectMock__Resources__Instances__0__Id"] = instanceId });
        Assert.True(await app.WaitUntilHealthyAsync(StartTimeout), string.Join('\n', app.Output));
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        var declared = await client.StartChatAsync(Requests.Minimal().With("InstanceId", instanceId).ToJsonString());
        var other = await client.StartChatAsync(Requests.Minimal().ToJsonString());

        AwsAssert.Started(declared);
        AwsAssert.Error(other, System.Net.HttpStatusCode.NotFound, "ResourceNotFoundException");
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
