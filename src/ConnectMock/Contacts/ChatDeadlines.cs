using System.Collections.Concurrent;

namespace ConnectMock.Contacts;

/// <summary>
/// One timer per started chat, set to when it ends by itself (<see cref="ChatContact.EndsBy"/>), so that its
/// participants hear chat.ended at that time, and a controlled clock advanced past it ends it before the advance
/// returns. Chats never started (most contacts of a load test) have none: they are found ended when first used.
/// </summary>
internal sealed class ChatDeadlines(TimeProvider time, Action<Guid> reached)
{
    private readonly ConcurrentDictionary<Guid, Deadline> _deadlines = new();

    /// <summary>How many chats have a deadline set: each holds a timer.</summary>
    public int Count => _deadlines.Count;

    /// <summary>Sets the chat's deadline to <paramref name="due"/>; cheap when it is set there already.</summary>
    public void Set(Guid contactId, DateTimeOffset due)
    {
        if (_deadlines.TryGetValue(contactId, out var current) && current.Due == due)
        {
            return;
        }

        var deadline = _deadlines.GetOrAdd(contactId, id => new Deadline(time.CreateTimer(_ => reached(id), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan)));
        lock (deadline)
        {
            deadline.Due = due;
            var wait = due - time.GetUtcNow();
            deadline.Timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    public void Clear(Guid contactId)
    {
        if (_deadlines.TryRemove(contactId, out var deadline))
        {
            deadline.Timer.Dispose();
        }
    }

    public void ClearAll()
    {
        foreach (var contactId in _deadlines.Keys)
        {
            Clear(contactId);
        }
    }

    private sealed class Deadline(ITimer timer)
    {
        public ITimer Timer { get; } = timer;

        public DateTimeOffset Due { get; set; } = DateTimeOffset.MaxValue;
    }
}
