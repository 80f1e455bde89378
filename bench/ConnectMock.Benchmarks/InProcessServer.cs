using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ConnectMock.Benchmarks;

/// <summary>
/// An <see cref="IServer"/> without sockets: it keeps the host's <see cref="IHttpApplication{TContext}"/> and runs
/// requests through it on the calling thread, with one reused feature collection, as Kestrel reuses its own per
/// connection. What remains per request is the app's own cost (hosting, middleware, endpoint, logging), so that
/// time and allocations per request can be compared between apps without TestServer's or Kestrel's share.
/// </summary>
public sealed class InProcessServer : IServer
{
    private Func<byte[], Task<int>>? _send;

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull
    {
        var connection = new Connection();
        _send = async body =>
        {
            connection.Reset(body);
            var context = application.CreateContext(connection.Features);
            Exception? error = null;
            try
            {
                await application.ProcessRequestAsync(context);
                await connection.CompleteAsync();
            }
            catch (Exception ex)
            {
                error = ex;
                throw;
            }
            finally
            {
                application.DisposeContext(context, error);
            }

            return connection.StatusCode;
        };
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }

    /// <summary>Sends <c>PUT /contact/chat</c> with <paramref name="body"/>; returns the response status.</summary>
    public Task<int> PutChatAsync(byte[] body) => (_send ?? throw new InvalidOperationException("The server has not started."))(body);

    /// <summary>The per-connection state: request and response features over a body in memory and a discarding writer.</summary>
    private sealed class Connection :
        IHttpRequestFeature, IHttpResponseFeature, IHttpResponseBodyFeature, IHttpRequestBodyDetectionFeature,
        IRequestBodyPipeFeature, IHttpUpgradeFeature, IHttpRequestLifetimeFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _onStarting = [];
        private readonly List<(Func<object, Task> Callback, object State)> _onCompleted = [];
        private readonly BodyReader _reader = new();
        private readonly DiscardingWriter _writer;
        private readonly HeaderDictionary _requestHeaders = new() { ["Host"] = "localhost", ["Content-Type"] = "application/json" };
        private readonly HeaderDictionary _responseHeaders = [];

        public Connection() => _writer = new DiscardingWriter(this);

        public FeatureCollection Features { get; private set; } = new();

        public void Reset(byte[] body)
        {
            // A fresh collection per request, as Kestrel resets its own: features that the app adds (request
            // services, routing) must not leak into the next request.
            Features = new FeatureCollection(8);
            Features.Set<IHttpRequestFeature>(this);
            Features.Set<IHttpResponseFeature>(this);
            Features.Set<IHttpResponseBodyFeature>(this);
            Features.Set<IHttpRequestBodyDetectionFeature>(this);
            Features.Set<IRequestBodyPipeFeature>(this);
            Features.Set<IHttpUpgradeFeature>(this);
            Features.Set<IHttpRequestLifetimeFeature>(this);
            Protocol = "HTTP/1.1";
            Scheme = "http";
            Method = "PUT";
            PathBase = "";
            Path = "/contact/chat";
            QueryString = "";
            RawTarget = "/contact/chat";
            _requestHeaders.ContentLength = body.Length;
            Headers = _requestHeaders;
            Body = Stream.Null;
            _reader.Reset(body);
            StatusCode = 200;
            ReasonPhrase = null;
            _responseHeaders.Clear();
            ResponseHeaders = _responseHeaders;
            HasStarted = false;
            _onStarting.Clear();
            _onCompleted.Clear();
        }

        public async Task StartIfNeededAsync()
        {
            if (HasStarted)
            {
                return;
            }

            for (var i = _onStarting.Count - 1; i >= 0; i--)
            {
                await _onStarting[i].Callback(_onStarting[i].State);
            }

            HasStarted = true;
        }

        public async Task CompleteAsync()
        {
            await StartIfNeededAsync();
            for (var i = _onCompleted.Count - 1; i >= 0; i--)
            {
                await _onCompleted[i].Callback(_onCompleted[i].State);
            }
        }

        // IHttpRequestFeature
        public string Protocol { get; set; } = "";

        public string Scheme { get; set; } = "";

        public string Method { get; set; } = "";

        public string PathBase { get; set; } = "";

        public string Path { get; set; } = "";

        public string QueryString { get; set; } = "";

        public string RawTarget { get; set; } = "";

        public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

        public Stream Body { get; set; } = Stream.Null;

        // IHttpResponseFeature
        public int StatusCode { get; set; }

        public string? ReasonPhrase { get; set; }

        IHeaderDictionary IHttpResponseFeature.Headers { get => ResponseHeaders; set => ResponseHeaders = value; }

        private IHeaderDictionary ResponseHeaders { get; set; } = new HeaderDictionary();

        Stream IHttpResponseFeature.Body { get; set; } = Stream.Null;

        public bool HasStarted { get; private set; }

        public void OnStarting(Func<object, Task> callback, object state) => _onStarting.Add((callback, state));

        public void OnCompleted(Func<object, Task> callback, object state) => _onCompleted.Add((callback, state));

        // IHttpResponseBodyFeature
        public Stream Stream => Stream.Null;

        public PipeWriter Writer => _writer;

        public void DisableBuffering()
        {
        }

        public Task StartAsync(CancellationToken cancellationToken = default) => StartIfNeededAsync();

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => Task.CompletedTask;

        Task IHttpResponseBodyFeature.CompleteAsync() => StartIfNeededAsync();

        // IHttpRequestBodyDetectionFeature, IRequestBodyPipeFeature
        public bool CanHaveBody => true;

        public PipeReader Reader => _reader;

        // IHttpUpgradeFeature: like Kestrel for a request that asks for no upgrade.
        public bool IsUpgradableRequest => false;

        public Task<Stream> UpgradeAsync() => throw new NotSupportedException();

        // IHttpRequestLifetimeFeature
        public CancellationToken RequestAborted { get; set; }

        public void Abort()
        {
        }
    }

    /// <summary>A pipe reader over one request body in memory, reused for every request.</summary>
    private sealed class BodyReader : PipeReader
    {
        private ReadOnlySequence<byte> _body;
        private bool _consumed;

        public void Reset(byte[] body)
        {
            _body = new ReadOnlySequence<byte>(body);
            _consumed = false;
        }

        public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
        {
            _body = _body.Slice(consumed);
            _consumed = _body.IsEmpty;
        }

        public override void CancelPendingRead()
        {
        }

        public override void Complete(Exception? exception = null)
        {
        }

        public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) =>
            new(new ReadResult(_consumed ? default : _body, false, true));

        public override bool TryRead(out ReadResult result)
        {
            result = new ReadResult(_consumed ? default : _body, false, true);
            return true;
        }
    }

    /// <summary>A pipe writer that throws the response body away; the first flush starts the response.</summary>
    private sealed class DiscardingWriter(Connection connection) : PipeWriter
    {
        private readonly byte[] _buffer = new byte[64 * 1024];

        public override void Advance(int bytes)
        {
        }

        public override void CancelPendingFlush()
        {
        }

        public override void Complete(Exception? exception = null)
        {
        }

        public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            await connection.StartIfNeededAsync();
            return new FlushResult(false, false);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => _buffer;

        public override Span<byte> GetSpan(int sizeHint = 0) => _buffer;

        public override bool CanGetUnflushedBytes => true;

        public override long UnflushedBytes => 0;
    }
}
