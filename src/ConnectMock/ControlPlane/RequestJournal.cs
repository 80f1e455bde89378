using ConnectMock.Aws;
using Microsoft.Extensions.Options;

namespace ConnectMock.ControlPlane;

/// <summary>
/// The latest AWS calls in a fixed-size ring buffer (WireMock's request log, without its sort on every request):
/// recording is O(1) and memory is bounded by <see cref="JournalOptions.Capacity"/> entries. Each position of the
/// ring is a slot that is written over in place, its text and body copied into buffers the slot keeps: a journal
/// of records kept every call's objects alive for 1,000 calls, long enough for the GC to promote them all, which
/// caused most gen1 and gen2 collections of the benchmark's fixed-token mode (bench/RESULTS.md, "8. The request
/// journal written in place"). On the Redis provider the calls are recorded in a <see cref="ISharedJournal"/> instead
/// (it is the app's <see cref="IAwsCallRecorder"/> then), and the reads here are its.
/// </summary>
internal sealed class RequestJournal(IOptions<JournalOptions> options, TimeProvider time, ISharedJournal? shared = null) : IAwsCallRecorder, IDisposable
{
    /// <summary>
    /// How long a read with bodies waits for a place before it is refused: long enough to outwait a page being
    /// written to a client that reads, short enough that a caller is not left hanging when all are busy.
    /// </summary>
    public static readonly TimeSpan BodyReadSlotWait = TimeSpan.FromSeconds(2);

    private readonly Slot?[] _ring = new Slot?[options.Value.Capacity];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _bodyReads = new(options.Value.MaxConcurrentBodyReads, options.Value.MaxConcurrentBodyReads);
    private long _sequence;

    /// <summary>How many bytes of JSON a page of the journal may take, once it holds one entry.</summary>
    public int MaxPageBytes { get; } = options.Value.MaxPageBytes;

    /// <summary>How long a read with bodies may hold its place (<see cref="JournalOptions.BodyReadTimeout"/>).</summary>
    public TimeSpan BodyReadTimeout { get; } = options.Value.BodyReadTimeout;

    public int MaxBodyBytes { get; } = options.Value.Capacity == 0 ? 0 : options.Value.MaxBodyBytes;

    public void Record(HttpContext http, AwsCallInfo info, double latencyMilliseconds)
    {
        if (_ring.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            var now = time.GetUtcNow();
            var sequence = ++_sequence;
            var index = (int)(sequence % _ring.Length);
            var slot = _ring[index] ??= new Slot();
            slot.Write(sequence, now, http, info, latencyMilliseconds);
        }

        Recorded?.Invoke();
    }

    /// <summary>Raised after a call was recorded, outside the lock. Only an open web console listens.</summary>
    public event Action? Recorded;

    /// <summary>Raises <see cref="Recorded"/> for a call that the shared journal recorded, on this replica or another.</summary>
    public void NotifyRecorded() => Recorded?.Invoke();

    /// <summary>
    /// The kept entries that match <paramref name="filter"/> and are older than <paramref name="before"/> (a
    /// sequence number), newest first, at most <paramref name="limit"/>, without their bodies: a reader fetches each
    /// body with <see cref="BodyOf"/> as it writes it, so that a page holds one body at a time, not all of them.
    /// </summary>
    public IReadOnlyList<JournalEntry> Page(Func<JournalEntry, bool>? filter, long? before, int limit)
    {
        if (shared is not null)
        {
            return shared.Page(filter, before, limit);
        }

        var found = new List<JournalEntry>();
        lock (_gate)
        {
            foreach (var slot in NewestFirst(before))
            {
                if (found.Count >= limit)
                {
                    break;
                }

                var entry = slot.Read();
                if (filter is null || filter(entry))
                {
                    found.Add(entry);
                }
            }
        }

        return found;
    }

    /// <summary>A copy of the body of the entry <paramref name="sequence"/>; null when it had none or is gone.</summary>
    public byte[]? BodyOf(long sequence)
    {
        if (shared is not null)
        {
            return shared.BodyOf(sequence);
        }

        lock (_gate)
        {
            return _ring.Length > 0 && _ring[(int)(sequence % _ring.Length)] is { } slot && slot.Sequence == sequence
                ? slot.Body()
                : null;
        }
    }

    /// <summary>
    /// A place among the readers of bodies, waiting up to <see cref="BodyReadSlotWait"/> for one; false when
    /// <see cref="JournalOptions.MaxConcurrentBodyReads"/> hold one all that time. Each holds up to a page of bodies
    /// on its way out, so their number bounds what reading can cost. Give it back with <see cref="EndBodyRead"/>.
    /// </summary>
    public Task<bool> StartBodyReadAsync(CancellationToken cancellationToken) =>
        _bodyReads.WaitAsync(BodyReadSlotWait, cancellationToken);

    public void EndBodyRead() => _bodyReads.Release();

    /// <summary>Removes the entries that match <paramref name="filter"/> (all when null); returns how many.</summary>
    public int Remove(Func<JournalEntry, bool>? filter = null)
    {
        if (shared is not null)
        {
            return shared.Remove(filter);
        }

        lock (_gate)
        {
            var removed = 0;
            foreach (var slot in _ring)
            {
                if (slot is { IsEmpty: false } && (filter is null || filter(slot.Read())))
                {
                    slot.Clear();
                    removed++;
                }
            }

            return removed;
        }
    }

    public void Dispose() => _bodyReads.Dispose();

    // Sequences are consecutive, so the newest entry sits just before the next write and the ring is read backwards.
    private IEnumerable<Slot> NewestFirst(long? before = null)
    {
        for (var sequence = Math.Min(_sequence, (before ?? long.MaxValue) - 1); sequence > 0 && sequence > _sequence - _ring.Length; sequence--)
        {
            if (_ring[(int)(sequence % _ring.Length)] is { IsEmpty: false } slot)
            {
                yield return slot;
            }
        }
    }

    /// <summary>One position of the ring, written under the journal's lock and read into a <see cref="JournalEntry"/> and its body.</summary>
    private sealed class Slot
    {
        private readonly TextBuffer _path = new();
        private readonly TextBuffer _clientToken = new();
        private readonly TextBuffer _instanceId = new();
        private byte[] _body = [];
        private int _bodyLength = -1;
        private long _sequence;
        private DateTimeOffset _time;
        private string _operation = "";
        private string _method = "";
        private int _statusCode;
        private string? _errorName;
        private double _latencyMs;
        private Guid _requestId;
        private bool _connectionDropped;
        private bool _bodyTruncated;

        public bool IsEmpty => _sequence == 0;

        public long Sequence => _sequence;

        public byte[]? Body() => _bodyLength < 0 ? null : _body.AsSpan(0, _bodyLength).ToArray();

        public void Write(long sequence, DateTimeOffset time, HttpContext http, AwsCallInfo info, double latencyMs)
        {
            _sequence = sequence;
            _time = time;

            // Names that come from a small set (operations, methods, error names) are shared strings already.
            _operation = info.Operation!;
            _method = http.Request.Method;
            _statusCode = http.Response.StatusCode;
            _errorName = info.ErrorCode;
            _latencyMs = latencyMs;

            // The request id as a value: its text is made again when the journal is read.
            _requestId = info.RequestGuid;
            _path.Set(http.Request.Path.Value ?? "");
            _clientToken.Set(info.ClientToken);
            _instanceId.Set(info.InstanceId);
            _connectionDropped = info.ConnectionDropped;
            _bodyTruncated = info.RequestBodyTruncated;
            if (info.RequestBody is { } body)
            {
                if (_body.Length < body.Length)
                {
                    _body = new byte[body.Length];
                }

                body.Span.CopyTo(_body);
                _bodyLength = body.Length;
            }
            else
            {
                _bodyLength = -1;
            }
        }

        public JournalEntry Read() => new(
            _sequence,
            _time,
            _operation,
            _method,
            _path.Read()!,
            _statusCode,
            _errorName,
            _latencyMs,
            _requestId.ToString(),
            _clientToken.Read(),
            _instanceId.Read(),
            _connectionDropped,
            _bodyLength < 0 ? null : _bodyLength,
            _bodyTruncated);

        public void Clear()
        {
            _sequence = 0;
            _body = [];
            _bodyLength = -1;
            _path.Clear();
            _clientToken.Clear();
            _instanceId.Clear();
        }
    }

    /// <summary>A string kept as characters in a buffer that is reused from call to call.</summary>
    private sealed class TextBuffer
    {
        private char[] _chars = [];
        private int _length = -1;

        public void Set(string? value)
        {
            if (value is null)
            {
                _length = -1;
                return;
            }

            if (_chars.Length < value.Length)
            {
                _chars = new char[value.Length];
            }

            value.CopyTo(_chars);
            _length = value.Length;
        }

        public string? Read() => _length < 0 ? null : new string(_chars, 0, _length);

        public void Clear()
        {
            _chars = [];
            _length = -1;
        }
    }
}
