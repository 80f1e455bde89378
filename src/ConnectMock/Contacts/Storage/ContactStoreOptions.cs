using System.ComponentModel.DataAnnotations;

namespace ConnectMock.Contacts.Storage;

/// <summary>Bounds of the contact store. Section <c>ConnectMock:Store</c>.</summary>
internal sealed class ContactStoreOptions
{
    public const string Section = "ConnectMock:Store";

    /// <summary>The most contacts kept; beyond it the oldest are evicted first.</summary>
    [Range(1, 10_000_000)]
    public int MaxContacts { get; set; } = 50_000;

    /// <summary>
    /// The most memory, in MiB, that stored requests may take by the store's estimate; beyond it the oldest
    /// contacts are evicted, so that large requests cannot exhaust memory before MaxContacts is reached.
    /// </summary>
    [Range(1, 64 * 1024)]
    public int MaxMemoryMegabytes { get; set; } = 128;

    /// <summary>How long a ClientToken returns the contact it started (the sibling operations document 7 days).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan ClientTokenLifetime { get; set; } = TimeSpan.FromDays(7);
}
