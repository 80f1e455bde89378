using System.Collections;
using StackExchange.Redis;

namespace ConnectMock.Contacts.Storage.Redis;

/// <summary>
/// A transcript in Redis as a list that reads only what is asked of it: its length, its oldest item and its newest
/// <see cref="FirstWindow"/> come with the head (<see cref="RedisScripts.TranscriptHead"/>), other items a window at a
/// time (<see cref="RedisScripts.TranscriptRange"/>), each decoded when first asked for: <see cref="FirstWindow"/>
/// items first (or the gap up to the newest, when it is at most <see cref="Window"/>), then <see cref="Window"/>.
/// GetTranscript's default page, the newest, is the head alone; any other page (read oldest first) one or two
/// windows more, whatever the transcript's length; a scan for a start position reads on, a window at a time.
/// </summary>
/// <remarks>
/// Index i is the item of the head's snapshot: a window is read only while the transcript's mark is the head's, so
/// that no item was pushed, dropped from the front or renumbered by a rehydration in between, and the list is the one
/// snapshot a whole read would have given (receipts recorded meanwhile show, as on a read a moment later). When the
/// mark moved, <see cref="Moved"/> is thrown: the reader starts again on a new head
/// (<see cref="RedisContactStore.TryReadTranscript{T}"/>). Items are not shifted to follow the front instead: an item
/// the capacity dropped meanwhile cannot be read at all, and a count from one moment with items from another is an
/// answer no moment of the chat gave.
/// </remarks>
internal sealed class RedisTranscriptView : IReadOnlyList<ChatItem>
{
    /// <summary>The newest items the head brings, and the items the first window reads: AWS's default page of 10 and chatjs's 15 fit.</summary>
    public const int FirstWindow = 16;

    /// <summary>The items every later window reads: GetTranscript's largest page, so that a larger page is two reads.</summary>
    public const int Window = 100;

    private readonly Func<long, long, string, RedisValue[]?> _range;
    private readonly Func<RedisValue, ChatItem> _decode;
    private readonly string _mark;
    private readonly List<Fetched> _fetched = [];
    private int _lastAsked = -1;
    private bool _readAWindow;

    /// <param name="count">The transcript's length at the head.</param>
    /// <param name="oldest">Its oldest item as stored (empty when it is empty).</param>
    /// <param name="newest">Its newest items after the oldest, as stored.</param>
    /// <param name="mark">The head's mark, which every window is read under.</param>
    /// <param name="range">Reads items from..to under a mark; null when the mark moved.</param>
    /// <param name="decode">An item from its stored JSON.</param>
    public RedisTranscriptView(
        int count, RedisValue oldest, RedisValue[] newest, string mark, Func<long, long, string, RedisValue[]?> range, Func<RedisValue, ChatItem> decode)
    {
        Count = count;
        _mark = mark;
        _range = range;
        _decode = decode;
        if (count > 0)
        {
            _fetched.Add(new Fetched(0, [oldest]));
        }

        if (newest.Length > 0)
        {
            _fetched.Add(new Fetched(count - newest.Length, newest));
        }
    }

    public int Count { get; }

    public ChatItem this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var window = Holding(index) ?? Read(index);
            _lastAsked = index;
            return window.Item(index, _decode);
        }
    }

    public IEnumerator<ChatItem> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Fetched? Holding(int index) => _fetched.Find(window => window.Holds(index));

    /// <summary>
    /// The window from <paramref name="index"/> on, or up to it when the reader walks towards the oldest, short of
    /// the items already read. A reader walking up to items already read (a page that ends at the newest) gets the
    /// whole gap at once when it is at most <see cref="Window"/>.
    /// </summary>
    private Fetched Read(int index)
    {
        var backward = _lastAsked == index + 1;
        var from = backward ? Math.Max(0, index - Window + 1) : index;
        var to = backward ? index : Math.Min(Count - 1, index + Window - 1);
        foreach (var held in _fetched)
        {
            (from, to) = backward ? (Math.Max(from, held.After(index) ?? from), to) : (from, Math.Min(to, held.Before(index) ?? to));
        }

        var gapToHeld = !backward && _fetched.Any(held => held.Before(index) == to);
        if (!_readAWindow && !gapToHeld)
        {
            (from, to) = backward ? (Math.Max(from, index - FirstWindow + 1), to) : (from, Math.Min(to, index + FirstWindow - 1));
        }

        _readAWindow = true;

        var items = _range(from, to, _mark);
        if (items is null || items.Length != to - from + 1)
        {
            throw new Moved();
        }

        var window = new Fetched(from, items);
        _fetched.Add(window);
        return window;
    }

    /// <summary>Items as read from Redis, each decoded when first asked for.</summary>
    private sealed class Fetched(int from, RedisValue[] stored)
    {
        private readonly ChatItem?[] _items = new ChatItem?[stored.Length];

        public bool Holds(int index) => index >= from && index < from + stored.Length;

        /// <summary>The index before this window when it lies above <paramref name="index"/>, else null.</summary>
        public int? Before(int index) => from > index ? from - 1 : null;

        /// <summary>The index after this window when it lies below <paramref name="index"/>, else null.</summary>
        public int? After(int index) => from + stored.Length <= index ? from + stored.Length : null;

        public ChatItem Item(int index, Func<RedisValue, ChatItem> decode) =>
            _items[index - from] ??= decode(stored[index - from]);
    }

    /// <summary>The transcript changed since the head was read: the reader must start again.</summary>
    internal sealed class Moved : Exception
    {
        public Moved()
            : base("The transcript changed while it was read.")
        {
        }
    }
}
