using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ConnectMock.Aws;
using ConnectMock.Connect;
using ConnectMock.ControlPlane;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ConnectMock.Benchmarks;

/// <summary>
/// Reading the ~400-byte body and writing the response: with the app's own source-generated ConnectJsonContext, and
/// through BindAsync, the app's entry point (AwsJsonBody over the request's PipeReader), fed from a fresh
/// DefaultHttpContext body per call.
/// </summary>
public class JsonBenchmarks
{
    private readonly byte[] _body = Requests.Utf8("bench-token-0000000001");
    private readonly IServiceProvider _services = new SingleServiceProvider(new AwsJsonBody(
        Options.Create(new AwsApiOptions()), new RequestJournal(Options.Create(new JournalOptions()), TimeProvider.System)));
    private readonly DefaultHttpContext _http = new();
    private readonly StartChatContactResponse _response = new(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), new string('x', 64), null);

    [GlobalSetup]
    public void Setup()
    {
        _http.RequestServices = _services;
        _http.Request.ContentType = "application/json";
        _http.Request.ContentLength = _body.Length;
    }

    [Benchmark(Baseline = true)]
    public object? DeserializeSourceGen() => JsonSerializer.Deserialize(_body, ConnectJsonContext.Default.StartChatContactRequest);

    [Benchmark]
    public async ValueTask<object> BindAsync()
    {
        _http.Request.Body = new MemoryStream(_body, writable: false);
        return await StartChatContactRequest.BindAsync(_http);
    }

    [Benchmark]
    public byte[] SerializeResponse() => JsonSerializer.SerializeToUtf8Bytes(_response, ConnectJsonContext.Default.StartChatContactResponse);

    private sealed class SingleServiceProvider(AwsJsonBody body) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(AwsJsonBody) ? body : null;
    }
}
