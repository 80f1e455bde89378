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
/// recording is O(1) and memory is bounded by <see cref="JournalOptions.Capacity"/> entries.
/// </summary>
public sealed class RequestJournal(IOptions<JournalOptions> options, TimeProvider time) : IAwsCallRecorder
{
    private readonly JournalEntry?[] _ring = new JournalEntry?[options.Value.Capacity];
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
            var sequence = ++_sequence;
            _ring[sequence % _ring.Length] = new JournalEntry(
                sequence,
                time.GetUtcNow(),
                info.Operation!,
                http.Request.Method,
                http.Request.Path.Value ?? "",
                http.Response.StatusCode,
                info.ErrorCode,
                latencyMilliseconds,
                info.RequestId,
                info.ClientToken,
                info.InstanceId,
                info.ConnectionDropped,
                info.RequestBody,
                info.RequestBodyTruncated);
        }
    }

    /// <summary>The kept entries that match <paramref name="filter"/>, newest first.</summary>
    public IReadOnlyList<JournalEntry> Entries(Func<JournalEntry, bool>? filter = null, int limit = int.MaxValue)
    {
        JournalEntry?[] copy;
        lock (_gate)
        {
            copy = (JournalEntry?[])_ring.Clone();
        }

        return [.. copy.OfType<JournalEntry>().Where(filter ?? (_ => true)).OrderByDescending(e => e.Sequence).Take(limit)];
    }

    /// <summary>Removes the entries that match <paramref name="filter"/> (all when null); returns how many.</summary>
    public int Remove(Func<JournalEntry, bool>? filter = null)
    {
        lock (_gate)
        {
            var removed = 0;
            for (var i = 0; i < _ring.Length; i++)
            {
                if (_ring[i] is { } entry && (filter is null || filter(entry)))
                {
                    _ring[i] = null;
                    removed++;
                }
            }

            return removed;
        }
    }
}
