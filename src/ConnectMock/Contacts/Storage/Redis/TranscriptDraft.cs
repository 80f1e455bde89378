namespace ConnectMock.Contacts.Storage.Redis;

/// <summary>
/// A transcript's change worked out before it is committed: the posts of one <see cref="IContactStore.Change"/>,
/// done as <see cref="ChatLog"/> does them in memory (sequence numbers, times that never run backwards, receipts on
/// their messages, the oldest items beyond the capacity dropped, a persistent chat's past put first), against the
/// transcript as the contact's version shows it. Reads only what it needs (the message a receipt is for); the commit
/// script applies the result only if the version is still the same.
/// </summary>
internal sealed class TranscriptDraft(
    int capacity, RedisContactStore.Stored stored, Func<long, ChatItem> existingAt, Func<string, long?> storedMessageSequence)
{
    private readonly long _firstSequence = stored.TranscriptSequence - stored.TranscriptCount + 1;
    private readonly Dictionary<long, ChatItem> _updated = [];
    private readonly List<ChatItem> _appended = [];
    private readonly Dictionary<string, long> _appendedMessages = new(StringComparer.Ordinal);
    private List<ChatItem>? _rewritten;

    public long Sequence { get; private set; } = stored.TranscriptSequence;

    public DateTimeOffset? Last { get; private set; } = stored.TranscriptLast;

    /// <summary>How many items the transcript keeps after the change.</summary>
    public int Count => _rewritten?.Count ?? (int)Math.Min(capacity, stored.TranscriptCount + (long)_appended.Count);

    /// <summary>Puts a persistent chat's past before <paramref name="own"/> (the transcript as read), numbered again from 1.</summary>
    public void Rehydrate(IReadOnlyList<ChatItem> past, IReadOnlyList<ChatItem> own)
    {
        _rewritten = [];
        (Sequence, Last) = (0, null);
        foreach (var item in past.Concat(own))
        {
            Append(item);
        }
    }

    /// <summary>Posts one item as <see cref="IContactStore.Change"/> documents; returns it as posted.</summary>
    public ChatItem Post(ChatItem item) => !item.IsTransient ? Append(item) : Attached(item);

    /// <summary>A transient item: a receipt is recorded on its message; every one is returned as it came.</summary>
    private ChatItem Attached(ChatItem item)
    {
        if (item.Receipts is { } receipt)
        {
            Attach(receipt);
        }

        return item;
    }

    /// <summary>
    /// What the commit script writes: items replaced in place (by their index in the list as read), items pushed,
    /// how many of the list's first items go, and the message index's entries to add and remove. A rehydrated
    /// transcript is written whole instead.
    /// </summary>
    public TranscriptCommit Commit(Func<long, IReadOnlyList<ChatItem>> headOfLength)
    {
        if (_rewritten is { } all)
        {
            return new TranscriptCommit(true, 0, [], all, Messages(all), []);
        }

        var drop = Math.Max(0, stored.TranscriptCount + (long)_appended.Count - capacity);
        var dropExisting = Math.Min(drop, stored.TranscriptCount);
        var pushed = _appended.Skip((int)(drop - dropExisting)).ToList();
        var unindexed = dropExisting == 0 ? [] : headOfLength(dropExisting).Where(i => i.Type == ChatEvents.Message).Select(i => i.Id).ToList();
        var updated = _updated.Where(u => u.Key >= dropExisting).Select(u => (u.Key, u.Value)).ToList();
        return new TranscriptCommit(false, dropExisting, updated, pushed, Messages(pushed), unindexed);
    }

    private static List<(string, long)> Messages(IEnumerable<ChatItem> items) =>
        [.. items.Where(i => i.Type == ChatEvents.Message).Select(i => (i.Id, i.Sequence))];

    private ChatItem Append(ChatItem item)
    {
        // Times are read before the store is, so a later post can carry an earlier time: the transcript never runs backwards.
        if (Count > 0 && Last is { } last && item.AbsoluteTime < last)
        {
            item = item with { AbsoluteTime = last };
        }

        item = item with { Sequence = ++Sequence };
        Last = item.AbsoluteTime;
        if (_rewritten is { } all)
        {
            all.Add(item);
            if (all.Count > capacity)
            {
                all.RemoveAt(0);
            }
        }
        else
        {
            _appended.Add(item);
            if (item.Type == ChatEvents.Message)
            {
                _appendedMessages[item.Id] = item.Sequence;
            }
        }

        return item;
    }

    /// <summary>Records a receipt on the message it is for, one receipt per recipient, if that message is still kept.</summary>
    private void Attach(MessageReceipts receipt)
    {
        if (_rewritten is { } all)
        {
            var at = all.FindLastIndex(i => i.Type == ChatEvents.Message && i.Id == receipt.MessageId);
            if (at >= 0)
            {
                all[at] = all[at].WithReceipt(receipt.Receipts[0]);
            }

            return;
        }

        var sequence = _appendedMessages.TryGetValue(receipt.MessageId, out var appended) ? appended : storedMessageSequence(receipt.MessageId);
        if (sequence is not { } s || s <= Sequence - Count)
        {
            return; // trimmed from the transcript since the receipt was checked: only the push remains
        }

        if (s > stored.TranscriptSequence)
        {
            var index = (int)(s - stored.TranscriptSequence - 1);
            _appended[index] = _appended[index].WithReceipt(receipt.Receipts[0]);
            return;
        }

        var position = s - _firstSequence;
        var message = _updated.TryGetValue(position, out var earlier) ? earlier : existingAt(position);
        if (message.Id == receipt.MessageId)
        {
            _updated[position] = message.WithReceipt(receipt.Receipts[0]);
        }
    }
}

/// <summary>What <see cref="TranscriptDraft.Commit"/> hands the commit script.</summary>
internal sealed record TranscriptCommit(
    bool Rewrite,
    long DropFromHead,
    IReadOnlyList<(long Index, ChatItem Item)> Updated,
    IReadOnlyList<ChatItem> Pushed,
    IReadOnlyList<(string MessageId, long Sequence)> Indexed,
    IReadOnlyList<string> Unindexed);
