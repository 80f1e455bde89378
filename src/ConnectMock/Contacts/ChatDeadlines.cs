using System.Collections.Concurrent;

namespace ConnectMock.Contacts;

/// <summary>
/// One timer per started chat, set to when it ends by itself (<see cref="ChatContact.EndsBy"/>), so that its
/// participants hear chat.ended at that time, and a controlled clock advanced past it ends it before the advance
/// returns. Chats never started (most contacts of a load test) have none: they are found ended when first used.
/// </summary>
internal sealed class ChatDeadlines(TimeProvider time, Action<Guid> reached)
{
    private readonly TimeProvider _time = time;
    private readonly Action<Guid> _reached = reached;
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

        var deadline = _deadlines.GetOrAdd(contactId, static (id, owner) => new Deadline(owner, id), this);
        lock (deadline)
        {
            deadline.Due = due;
            var wait = due - _time.GetUtcNow();
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

    /// <summary>A chat's timer and when it is due. The timer's state is the deadline itself, so that ten thousand chats
    /// need no closure and no delegate each, only the one static callback.</summary>
    private sealed class Deadline
    {
        private static readonly TimerCallback Reach = static state => ((Deadline)state!).Reached();

        private readonly ChatDeadlines _owner;
        private readonly Guid _contactId;

        public Deadline(ChatDeadlines owner, Guid contactId)
        {
            _owner = owner;
            _contactId = contactId;
            Timer = owner._time.CreateTimer(Reach, this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public ITimer Timer { get; }

        public DateTimeOffset Due { get; set; } = DateTimeOffset.MaxValue;

        private void Reached() => _owner._reached(_contactId);
    }
}
