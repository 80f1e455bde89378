using BenchmarkDotNet.Attributes;
using ConnectMock.Bench.Baseline;
using ConnectMock.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;

namespace ConnectMock.Benchmarks;

/// <summary>
/// One whole <c>PUT /contact/chat</c> through each app's real middleware pipeline, in process (TestServer instead
/// of Kestrel and sockets), so that allocations per request are exact and comparable: ConnectMock with its
/// Production settings and default logging (rendered by the console sink into a null writer, so formatting is
/// counted but not the terminal), against the bare baseline app. The harness's own cost is in both.
/// </summary>
public class PipelineBenchmarks
{
    private const int Cycle = 1 << 16;

    private readonly byte[][] _unique = new byte[Cycle][];
    private readonly byte[] _fixed = Requests.Utf8("bench-fixed-token-00000001");
    private WebApplication _connectMock = null!;
    private WebApplication _baseline = null!;
    private TestServer _connectMockServer = null!;
    private TestServer _baselineServer = null!;
    private TextWriter _console = null!;
    private int _next;

    [GlobalSetup]
    public async Task Setup()
    {
        for (var i = 0; i < Cycle; i++)
        {
            _unique[i] = Requests.Utf8($"bench-token-{i:D14}");
        }

        _console = Console.Out;
        Console.SetOut(TextWriter.Null);
        var options = new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory };

        var connectMock = WebApplication.CreateBuilder(options);
        connectMock.WebHost.UseTestServer();
        connectMock.AddConnectMock();
        _connectMock = connectMock.Build();
        _connectMock.UseConnectMock();
        await _connectMock.StartAsync();
        _connectMockServer = _connectMock.GetTestServer();

        var baseline = WebApplication.CreateBuilder(options);
        baseline.WebHost.UseTestServer();
        _baseline = BaselineApp.Build(baseline);
        await _baseline.StartAsync();
        _baselineServer = _baseline.GetTestServer();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _connectMock.StopAsync();
        await _baseline.StopAsync();
        Console.SetOut(_console);
    }

    [Benchmark(Baseline = true)]
    public Task<int> BaselineUniqueToken() => Put(_baselineServer, NextUnique());

    [Benchmark]
    public Task<int> ConnectMockUniqueToken() => Put(_connectMockServer, NextUnique());

    [Benchmark]
    public Task<int> ConnectMockFixedToken() => Put(_connectMockServer, _fixed);

    private byte[] NextUnique()
    {
        _next = (_next + 1) % Cycle;
        return _unique[_next];
    }

    private static async Task<int> Put(TestServer server, byte[] body)
    {
        var context = await server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Put;
            http.Request.Path = "/contact/chat";
            http.Request.ContentType = "application/json";
            http.Request.ContentLength = body.Length;
            http.Request.Body = new MemoryStream(body, writable: false);
            http.Features.Set<IHttpRequestBodyDetectionFeature>(HasBody.Instance);
        });
        return context.Response.StatusCode == StatusCodes.Status200OK
            ? StatusCodes.Status200OK
            : throw new InvalidOperationException($"PUT /contact/chat answered {context.Response.StatusCode}");
    }

    /// <summary>TestServer decides "no body" when the request is created; minimal APIs' body binding then refuses it.</summary>
    private sealed class HasBody : IHttpRequestBodyDetectionFeature
    {
        public static readonly HasBody Instance = new();

        public bool CanHaveBody => true;
    }
}
