using ConnectMock.Aws;
using Microsoft.Extensions.Options;

namespace ConnectMock.ControlPlane;

/// <summary>One finished call to an AWS operation.</summary>
public sealed record JournalEntry(
    long Sequence,
    DateTimeOffset Time,
    string Operation,
    string Method,
    string Path,
    int StatusCode,
    string? ErrorName,
    double LatencyMs,
    string RequestId,
    string? ClientToken,
    string? InstanceId,
    bool ConnectionDropped,
    byte[]? RequestBody,
    bool RequestBodyTruncated);

/// <summary>
/// The latest AWS calls in a fixed-size ring buffer (WireMock's request log, without its sort on every request):
/// recording is O(1) and memory is bounded by <see cref="JournalOptions.Capacity"/> entries. Each position of the
/// ring is a slot that is written over in place, its text and body copied into buffers the slot keeps: a journal
/// of records kept every call's objects alive for 1,000 calls, long enough for the GC to promote them all, which
/// cost ~2.5 us and 0.6 KB per call and most gen1 and gen2 collections of the benchmark's fixed-token mode.
/// </summary>
public sealed class RequestJournal(IOptions<JournalOptions> options, TimeProvider time) : IAwsCallRecorder
{
    private readonly Slot?[] _ring = new Slot?[options.Value.Capacity];
    private readonly Lock _gate = new();
    private long _sequence;

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
    }

    /// <summary>
    /// The kept entries that match <paramref name="filter"/>, newest first, at most <paramref name="limit"/>. The
    /// filter sees each entry without its body; only the entries returned get a copy of theirs.
    /// </summary>
    public IReadOnlyList<JournalEntry> Entries(Func<JournalEntry, bool>? filter = null, int limit = int.MaxValue)
    {
        var found = new List<JournalEntry>();
        lock (_gate)
        {
            foreach (var slot in NewestFirst())
            {
                if (found.Count >= limit)
                {
                    break;
                }

                if (filter is null || filter(slot.Read(withBody: false)))
                {
                    found.Add(slot.Read(withBody: true));
                }
            }
        }

        return found;
    }

    /// <summary>Removes the entries that match <paramref name="filter"/> (all when null); returns how many.</summary>
    public int Remove(Func<JournalEntry, bool>? filter = null)
    {
        lock (_gate)
        {
            var removed = 0;
            foreach (var slot in _ring)
            {
                if (slot is { IsEmpty: false } && (filter is null || filter(slot.Read(withBody: false))))
                {
                    slot.Clear();
                    removed++;
                }
            }

            return removed;
        }
    }

    // Sequences are consecutive, so the newest entry sits just before the next write and the ring is read backwards.
    private IEnumerable<Slot> NewestFirst()
    {
        for (var sequence = _sequence; sequence > 0 && sequence > _sequence - _ring.Length; sequence--)
        {
            if (_ring[(int)(sequence % _ring.Length)] is { IsEmpty: false } slot)
            {
                yield return slot;
            }
        }
    }

    /// <summary>One position of the ring, written under the journal's lock and read into a <see cref="JournalEntry"/>.</summary>
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

        public JournalEntry Read(bool withBody) => new(
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
            _bodyLength < 0 || !withBody ? null : _body.AsSpan(0, _bodyLength).ToArray(),
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
