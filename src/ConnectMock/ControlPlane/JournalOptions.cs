using System.ComponentModel.DataAnnotations;

namespace ConnectMock.ControlPlane;

/// <summary>The request journal. Section <c>ConnectMock:Journal</c>.</summary>
internal sealed class JournalOptions
{
    public const string Section = "ConnectMock:Journal";

    /// <summary>How many of the latest AWS calls are kept; 0 turns the journal off.</summary>
    [Range(0, 1_000_000)]
    public int Capacity { get; set; } = 1000;

    /// <summary>How much of each request body is kept; longer bodies are cut and marked truncated.</summary>
    [Range(0, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How many bytes of JSON one page of <c>GET /_connectmock/requests</c> may take: the page ends at the first entry
    /// that reaches it (and holds at least one entry), and its nextToken goes on from there.
    /// </summary>
    [Range(64 * 1024, 256 * 1024 * 1024)]
    public int MaxPageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// How many reads of the journal with bodies may run at once; one more waits up to
    /// <see cref="RequestJournal.BodyReadSlotWait"/> for a place, then is answered 429 with Retry-After.
    /// </summary>
    [Range(1, 64)]
    public int MaxConcurrentBodyReads { get; set; } = 4;

    /// <summary>
    /// How long a read with bodies may take to write its page: a client that reads slower than that (or not at all)
    /// has its connection closed, so that it cannot keep one of the <see cref="MaxConcurrentBodyReads"/> places.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
