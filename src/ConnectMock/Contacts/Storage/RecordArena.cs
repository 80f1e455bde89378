namespace ConnectMock.Contacts.Storage;

/// <summary>
/// Variable-length records in large byte chunks, appended in order and released one by one; a chunk is reused once
/// none of its records is live. The chunks are few and long-lived (large-object heap), so records cost the garbage
/// collector nothing, however many come and go. Not thread-safe: the store's lock guards it.
/// </summary>
internal sealed class RecordArena(int chunkSize = RecordArena.DefaultChunkSize)
{
    /// <summary>Above the large-object threshold, so that a chunk is never copied by a collection.</summary>
    public const int DefaultChunkSize = 256 * 1024;

    // Released chunks kept for reuse; beyond these, a released chunk goes back to the runtime.
    private const int SpareChunks = 4;

    private readonly List<Chunk?> _chunks = [];
    private readonly Stack<int> _freeIndexes = new();
    private readonly Stack<byte[]> _spare = new();
    private int _current = -1;

    /// <summary>The bytes of every chunk held now, live or spare: what the arena costs in memory.</summary>
    public long AllocatedBytes { get; private set; }

    /// <summary>
    /// The bytes of the chunks that hold live records. More than the records' own bytes when records were released
    /// out of order: one live record keeps its whole chunk.
    /// </summary>
    public long HeldBytes => AllocatedBytes - ((long)_spare.Count * chunkSize);

    public RecordLocation Add(ReadOnlySpan<byte> record)
    {
        var chunk = _current >= 0 ? _chunks[_current]! : null;
        if (chunk is null || chunk.Bytes.Length - chunk.Used < record.Length)
        {
            if (chunk is { Live: 0 })
            {
                Free(_current); // emptied while it was being filled, and left for an oversized record
            }

            _current = NewChunk(record.Length);
            chunk = _chunks[_current]!;
        }

        var location = new RecordLocation(_current, chunk.Used, record.Length);
        record.CopyTo(chunk.Bytes.AsSpan(chunk.Used));
        chunk.Used += record.Length;
        chunk.Live++;

        // A chunk made for one oversized record takes no more; the next record starts a new one.
        if (chunk.Bytes.Length != chunkSize)
        {
            _current = -1;
        }

        return location;
    }

    public ReadOnlySpan<byte> Get(RecordLocation location) =>
        _chunks[location.Chunk]!.Bytes.AsSpan(location.Offset, location.Length);

    public void Release(RecordLocation location)
    {
        var chunk = _chunks[location.Chunk]!;
        if (--chunk.Live > 0)
        {
            return;
        }

        if (location.Chunk == _current)
        {
            chunk.Used = 0; // empty, and still the one being filled: start it over
            return;
        }

        Free(location.Chunk);
    }

    private void Free(int index)
    {
        var chunk = _chunks[index]!;
        _chunks[index] = null;
        _freeIndexes.Push(index);
        if (chunk.Bytes.Length == chunkSize && _spare.Count < SpareChunks)
        {
            _spare.Push(chunk.Bytes);
        }
        else
        {
            AllocatedBytes -= chunk.Bytes.Length;
        }
    }

    public void Clear()
    {
        _chunks.Clear();
        _freeIndexes.Clear();
        _spare.Clear();
        _current = -1;
        AllocatedBytes = 0;
    }

    private int NewChunk(int recordLength)
    {
        byte[] bytes;
        if (recordLength > chunkSize)
        {
            bytes = new byte[recordLength];
            AllocatedBytes += bytes.Length;
        }
        else if (!_spare.TryPop(out bytes!))
        {
            bytes = new byte[chunkSize];
            AllocatedBytes += bytes.Length;
        }

        var chunk = new Chunk(bytes);
        if (_freeIndexes.TryPop(out var index))
        {
            _chunks[index] = chunk;
            return index;
        }

        _chunks.Add(chunk);
        return _chunks.Count - 1;
    }

    private sealed class Chunk(byte[] bytes)
    {
        public byte[] Bytes { get; } = bytes;

        public int Used { get; set; }

        public int Live { get; set; }
    }
}

/// <summary>Where a record is in a <see cref="RecordArena"/>.</summary>
internal readonly record struct RecordLocation(int Chunk, int Offset, int Length);
