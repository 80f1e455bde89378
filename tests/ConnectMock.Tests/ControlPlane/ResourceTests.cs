using System.Net;
using System.Text.Json;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.ControlPlane;

public sealed class ResourceTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    private const string Instance = "11111111-2222-3333-4444-555555555555";
    private const string Flow = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    [Fact]
    public async Task WithNoInstanceDeclared_EveryIdIsAccepted()
    {
        var instances = (await Client.ControlAsync(HttpMethod.Get, "/instances")).Json;

        Assert.False(instances.GetProperty("strict").GetBoolean());
        AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().With("InstanceId", "anything").ToJsonString()));
    }

    [Fact]
    public async Task DeclaredInstance_UnknownInstanceOrFlow_IsResourceNotFound()
    {
        await PutInstanceAsync(Instance, $$"""{"contactFlowIds":["{{Flow}}"]}""");

        var known = await Client.StartChatAsync(Requests.Minimal().ToJsonString());
        var unknownInstance = await Client.StartChatAsync(Requests.Minimal().With("InstanceId", "other-instance").ToJsonString());
        var unknownFlow = await Client.StartChatAsync(Requests.Minimal().With("ContactFlowId", "other-flow").ToJsonString());

        AwsAssert.Started(known);
        Assert.Equal("Resource not found of Type: null", AwsAssert.Error(unknownInstance, HttpStatusCode.NotFound, "ResourceNotFoundException"));
        Assert.Equal("Resource not found of Type: null", AwsAssert.Error(unknownFlow, HttpStatusCode.NotFound, "ResourceNotFoundException"));
        Assert.Equal(1, App.Store.Count);
    }

    [Fact]
    public async Task DeclaredInstanceWithoutFlows_AcceptsAnyFlow()
    {
        await PutInstanceAsync(Instance, "{}");

        AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().With("ContactFlowId", "any-flow").ToJsonString()));
    }

    [Fact]
    public async Task Quota_OfConcurrentActiveChats_GivesLimitExceeded()
    {
        await PutInstanceAsync(Instance, """{"maxConcurrentActiveChats":2}""");

        AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "a").ToJsonString()));
        AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "b").ToJsonString()));
        var third = await Client.StartChatAsync(Requests.Minimal(clientToken: "c").ToJsonString());
        var replay = await Client.StartChatAsync(Requests.Minimal(clientToken: "a").ToJsonString());

        Assert.Equal("The quota for concurrent active chats has been exceeded.", AwsAssert.Error(third, HttpStatusCode.TooManyRequests, "LimitExceededException"));
        AwsAssert.Started(replay);
        Assert.Equal(2, (await Client.ControlAsync(HttpMethod.Get, "/instances")).Json.GetProperty("instances")[0].GetProperty("activeChats").GetInt32());
    }

    [Fact]
    public async Task Quota_FreesUpWhenChatsEnd()
    {
        await PutInstanceAsync(Instance, """{"maxConcurrentActiveChats":1}""");
        AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().With("ChatDurationInMinutes", 60).ToJsonString()));
        AwsAssert.Error(await Client.StartChatAsync(Requests.Minimal().ToJsonString()), HttpStatusCode.TooManyRequests, "LimitExceededException");

        App.Clock.Advance(TimeSpan.FromMinutes(60));

        AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().ToJsonString()));
    }

    [Fact]
    public async Task Quota_StaysExactUnderFiftyParallelCalls()
    {
        await PutInstanceAsync(Instance, """{"maxConcurrentActiveChats":10}""");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Client.StartChatAsync(Requests.Minimal(clientToken: $"p{i}").ToJsonString())));

        Assert.Equal(10, responses.Count(r => r.Status == HttpStatusCode.OK));
        Assert.Equal(40, responses.Count(r => r.Status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task RemovingTheLastInstance_MakesEveryIdAcceptedAgain()
    {
        await PutInstanceAsync(Instance, "{}");

        Assert.Equal(HttpStatusCode.NoContent, (await Client.ControlAsync(HttpMethod.Delete, $"/instances/{Instance}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.ControlAsync(HttpMethod.Delete, $"/instances/{Instance}")).Status);

        AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().With("InstanceId", "anything").ToJsonString()));
    }

    [Fact]
    public async Task ListInstances_ShowsWhatWasDeclared()
    {
        await PutInstanceAsync(Instance, $$"""{"contactFlowIds":["{{Flow}}"],"maxConcurrentActiveChats":5}""");

        var instances = (await Client.ControlAsync(HttpMethod.Get, "/instances")).Json;

        Assert.True(instances.GetProperty("strict").GetBoolean());
        var instance = instances.GetProperty("instances")[0];
        Assert.Equal(Instance, instance.GetProperty("id").GetString());
        Assert.Equal(Flow, instance.GetProperty("contactFlowIds")[0].GetString());
        Assert.Equal(5, instance.GetProperty("maxConcurrentActiveChats").GetInt32());
    }

    [Theory]
    [InlineData("""{"maxConcurrentActiveChats":-1}""", "maxConcurrentActiveChats must be 0 or more.")]
    [InlineData("""{"contactFlowIds":[""]}""", "contactFlowIds must each be 1 to 500 characters, as Connect's ContactFlowId, and not blank.")]
    [InlineData("""{"contactFlowIds":["", " ", ""]}""", "contactFlowIds must each be 1 to 500 characters, as Connect's ContactFlowId, and not blank.")]
    [InlineData("1001 flows", "contactFlowIds may list at most 1000 flows.")]
    public async Task PutInstance_Invalid_IsAPlainJson400(string body, string error)
    {
        if (body == "1001 flows")
        {
            body = JsonSerializer.Serialize(new { contactFlowIds = Flows(1001) });
        }

        var response = await Client.ControlAsync(HttpMethod.Put, $"/instances/{Instance}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(error, response.Json.GetProperty("error").GetString());
        Assert.Empty(App.Resources.Instances);
    }

    [Theory]
    [InlineData("fifo", "is not a regular file")]
    [InlineData("device", "is not a regular file")]
    [InlineData("directory", "is a directory")]
    [InlineData("too large", "is larger than 16 MiB")]
    [InlineData("missing", "does not exist")]
    [InlineData("invalid JSON", "is not valid JSON at $.Instances[0].Id (line 3)")]
    public async Task Start_WithASeedFileThatCannotBeUsed_ExitsWith2AndSaysWhy(string kind, string problem)
    {
        var directory = Directory.CreateTempSubdirectory("connectmock-seed-");
        try
        {
            var seed = kind switch
            {
                "fifo" => MakeFifo(Path.Combine(directory.FullName, "seed.json")),
                "device" => "/dev/zero",
                "directory" => directory.FullName,
                "missing" => Path.Combine(directory.FullName, "missing.json"),
                _ => Path.Combine(directory.FullName, "seed.json"),
            };
            if (kind == "too large")
            {
                // Sparse: 17 MiB long, nothing written.
                using var file = File.Create(seed);
                file.SetLength(17 * 1024 * 1024);
            }
            else if (kind == "invalid JSON")
            {
                await File.WriteAllTextAsync(seed, "{\n  \"Instances\": [\n    {\"Id\": }\n  ]\n}", TestContext.Current.CancellationToken);
            }

            // A heap limit, so that a seed file read without bounds fails fast instead of taking the machine's memory.
            await using var app = AppProcess.Start(new Dictionary<string, string>
            {
                ["ConnectMock__Resources__SeedFile"] = seed,
                ["DOTNET_GCHeapHardLimit"] = "0x10000000",
            });

            Assert.True(await app.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the start should end by itself");
            Assert.True(app.ExitCode == 2, $"exit code {app.ExitCode}:\n{string.Join('\n', app.Output)}");
            var line = Assert.Single(app.Output, l => l.Contains(" FTL] ", StringComparison.Ordinal));
            Assert.Contains($"ConnectMock:Resources:SeedFile '{seed}' {problem}", line, StringComparison.Ordinal);
            Assert.DoesNotContain(app.Output, l => l.StartsWith("   at ", StringComparison.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>An instance that PUT /instances refuses, and the rule it breaks as configuration and the seed file name it.</summary>
    public sealed record InvalidInstance(string Id, string[] ContactFlowIds, int? MaxConcurrentActiveChats, string Rule);

    /// <summary>The cases of PUT /instances (<see cref="PutInstance_Invalid_IsAPlainJson400"/>, ControlPlaneValidationTests), declared at start.</summary>
    public static readonly IReadOnlyDictionary<string, InvalidInstance> InvalidInstances = new Dictionary<string, InvalidInstance>
    {
        ["blank id"] = new(" ", [], null, "Id must be 1 to 100 characters, as Connect's InstanceId, and not blank."),
        ["101-code-point id"] = new(new string('i', 101), [], null, "Id must be 1 to 100 characters, as Connect's InstanceId, and not blank."),
        ["empty flow id"] = new(Instance, [""], null, "ContactFlowIds must each be 1 to 500 characters, as Connect's ContactFlowId, and not blank."),
        ["501-char flow id"] = new(Instance, [new string('f', 501)], null, "ContactFlowIds must each be 1 to 500 characters, as Connect's ContactFlowId, and not blank."),
        ["1001 flows"] = new(Instance, Flows(1001), null, "ContactFlowIds may list at most 1000 flows."),
        ["negative quota"] = new(Instance, [], -1, "MaxConcurrentActiveChats must be 0 or more."),
    };

    public static TheoryData<string> InvalidInstanceCases => [.. InvalidInstances.Keys];

    [Theory]
    [MemberData(nameof(InvalidInstanceCases))]
    public async Task Start_WithAnInvalidInstanceInTheSeedFile_ExitsWith2AndOneLineNamingIt(string invalid)
    {
        var instance = InvalidInstances[invalid];
        var seed = await WriteSeedFileAsync(new
        {
            Instances = new[] { new { instance.Id, instance.ContactFlowIds, instance.MaxConcurrentActiveChats } },
        });
        try
        {
            var line = await StartFailsAsync(seed);

            var shownId = instance.Id.Length > 100 ? $"{instance.Id[..100]}..." : instance.Id;
            Assert.Contains($"ConnectMock:Resources:SeedFile '{seed}' Instances[0]: instance '{shownId}': {instance.Rule}", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(seed);
        }
    }

    [Fact]
    public async Task Start_WithMoreInstancesThanTheRegistryHolds_ExitsWith2AndSaysHowMany()
    {
        var seed = await WriteSeedFileAsync(new
        {
            Instances = Enumerable.Range(0, 10_001).Select(i => new { Id = $"instance-{i}" }),
        });
        try
        {
            var line = await StartFailsAsync(seed);

            Assert.Contains("ConnectMock:Resources:Instances: 10001 instances are declared, with the seed file's; at most 10000 may be.", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(seed);
        }
    }

    private static string[] Flows(int count) => [.. Enumerable.Range(0, count).Select(i => $"flow-{i}")];

    private static async Task<string> WriteSeedFileAsync(object content)
    {
        var seed = Path.Combine(Path.GetTempPath(), $"connectmock-seed-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(seed, JsonSerializer.Serialize(content), TestContext.Current.CancellationToken);
        return seed;
    }

    /// <summary>The one fatal line of a start with <paramref name="seed"/> that ends by itself with exit code 2.</summary>
    private static async Task<string> StartFailsAsync(string seed)
    {
        await using var app = AppProcess.Start(new Dictionary<string, string> { ["ConnectMock__Resources__SeedFile"] = seed });

        Assert.True(await app.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the start should end by itself");
        Assert.True(app.ExitCode == 2, $"exit code {app.ExitCode}:\n{string.Join('\n', app.Output)}");
        Assert.DoesNotContain(app.Output, l => l.StartsWith("   at ", StringComparison.Ordinal));
        return Assert.Single(app.Output, l => l.Contains(" FTL] ", StringComparison.Ordinal));
    }

    private static string MakeFifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    private async Task PutInstanceAsync(string id, string body)
    {
        var response = await Client.ControlAsync(HttpMethod.Put, $"/instances/{id}", body);
        Assert.True(response.Status == HttpStatusCode.OK, response.Body);
    }
}
