using System.Collections.Concurrent;

namespace ConnectMock.Contacts;

/// <summary>
/// The participant timers of Connect's "Set up chat timeouts for chat participants" (docs/chat-timers.md). They run
/// while an agent and the customer are both in the chat, with the settings the contact had when that agent joined
/// (settings changed later wait for the next agent). Per role, the idle timer runs first: when it falls due the
/// participant is idle (participant.idle) and the auto-disconnect timer starts; with no idle timer the auto-disconnect
/// timer starts at once. A message or an attachment from the participant resets its timers (participant.returned if
/// it was idle). When an auto-disconnect timer falls due, participant.autodisconnection is posted for the agent and
/// the agent leaves. The events go to the sockets, not to the transcript.
/// </summary>
/// <remarks>
/// Timers are <see cref="TimeProvider.CreateTimer"/> timers with synchronous callbacks, so that a clock that is
/// advanced fires them inside the advance. The running timers of a chat are touched only under the chat's lock
/// (<see cref="ChatSessions.LockOf"/>): changes of the chat call <see cref="Follow"/> under it, and a callback takes
/// it before it looks. A chat without settings, or without an agent, has no timer at all; every timer is disposed
/// when the agent or the customer leaves, when the chat ends and when the contact leaves the store.
/// With a shared store (several replicas on one Redis), every replica follows every chat's changes from the store's
/// feed, in the same order, so each holds the same timers; the one whose timer falls due first posts its event, once
/// in the cluster: the post carries a ClientToken named after the timer (its step, its participant and the item that
/// set it), so the store keeps the first and answers the others' as a repeat. The replica whose post was kept goes on
/// from it at once (idle, its auto-disconnect timer); the others as they hear the event. Ending the chat or making the
/// agent leave needs no token: the store's change finds it done already and does nothing.
/// </remarks>
internal sealed partial class ChatTimers : IHostedService, IDisposable
{
    /// <summary>Who the timers' ClientTokens belong to: no participant of any chat (those are random).</summary>
    private static readonly Guid TimerParticipant = new("00000000-0000-0000-0000-00000000717e");

    private readonly ChatSessions _chats;
    private readonly AgentSimulation _agents;
    private readonly IContactStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<ChatTimers> _log;
    private readonly ConcurrentDictionary<Guid, RunningTimers> _running = new();
    private readonly bool _shared;

    public ChatTimers(ChatSessions chats, AgentSimulation agents, IContactStore store, ILogger<ChatTimers> log)
    {
        _chats = chats;
        _agents = agents;
        _store = store;
        _time = chats.Time;
        _log = log;
        _shared = store.Shared;
        chats.Changed += Follow;
        store.Forgotten += Forget;
    }

    /// <summary>How many participant timers are scheduled now, on every chat (a count the tests read for leaks).</summary>
    public int Scheduled => _running.Values.Sum(r => r.Participants.Count(p => p.Timer is not null));

    /// <summary>Whether the participant is idle now: its idle timer fell due and it has not written since.</summary>
    public bool IsIdle(Guid contactId, Guid participantId)
    {
        lock (_chats.LockOf(contactId))
        {
            return _running.TryGetValue(contactId, out var running) && running.Find(participantId) is { Idle: true };
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _chats.Changed -= Follow;
        _store.Forgotten -= Forget;
        foreach (var contactId in _running.Keys)
        {
            lock (_chats.LockOf(contactId))
            {
                Stop(contactId);
            }
        }
    }

    /// <summary>Follows a change of a chat, under its lock: who is present decides whether timers run; who wrote resets its own.</summary>
    private void Follow(ChatChange change)
    {
        var contact = change.Contact;
        var contactId = contact.ContactId;
        if (contact.Chat is not { Ended: false } chat
            || chat.Present(ParticipantRoles.Agent) is not { } agent
            || chat.Present(ParticipantRoles.Customer) is not { } customer)
        {
            Stop(contactId);
            return;
        }

        _running.TryGetValue(contactId, out var running);
        if (running?.AgentId != agent.Id)
        {
            // Timers start when an agent joins, with the settings of that moment; settings that come later wait for the next agent.
            Stop(contactId);
            running = change.Posted.Any(i => i.ContentType == ChatEvents.Joined && i.Participant?.Id == agent.Id)
                ? Start(change, customer, agent)
                : null;
            if (running is null)
            {
                return;
            }
        }

        foreach (var item in change.Posted)
        {
            if (item.Type is ChatEvents.Message or ChatEvents.Attachment
                && item.Participant is { } from
                && running.Find(from.Id) is { } writer)
            {
                Reset(running, writer, item);
            }
            else if (_shared && item.ContentType == ChatEvents.Idle && item.Participant is { } idle && running.Find(idle.Id) is { Idle: false } heard)
            {
                // Whichever replica posted it: every replica's timers go on from it alike.
                Idle(running, heard, item);
            }
        }
    }

    /// <summary>The timers of a chat that an agent just joined, with the settings the contact has now; null without settings.</summary>
    private RunningTimers? Start(ChatChange change, ChatMember customer, ChatMember agent)
    {
        var contact = change.Contact;
        var settings = contact.ParticipantTimers;
        if (settings.IsEmpty)
        {
            return null;
        }

        var joined = change.Posted.First(i => i.ContentType == ChatEvents.Joined && i.Participant?.Id == agent.Id);
        var running = new RunningTimers(contact.ContactId, agent.Id,
        [
            new ParticipantTimer(customer, settings.IdleAfter(customer.Role), settings.DisconnectAfter(customer.Role)),
            new ParticipantTimer(agent, settings.IdleAfter(agent.Role), settings.DisconnectAfter(agent.Role)),
        ]);
        _running[contact.ContactId] = running;
        foreach (var participant in running.Participants)
        {
            Schedule(running, participant, participant.IdleAfter is { } idle ? (TimerStep.Idle, idle) : participant.DisconnectAfter is { } d ? (TimerStep.Disconnect, d) : null, joined);
        }

        return running;
    }

    /// <summary>The participant wrote (item <paramref name="written"/>): its timers start over, and if it was idle it has returned.</summary>
    private void Reset(RunningTimers running, ParticipantTimer participant, ChatItem written)
    {
        var wasIdle = participant.Idle;
        participant.Idle = false;
        Schedule(running, participant, participant.IdleAfter is { } idle ? (TimerStep.Idle, idle) : participant.DisconnectAfter is { } d ? (TimerStep.Disconnect, d) : null, written);
        if (wasIdle)
        {
            PostEvent(running.ContactId, NewEvent(participant.Member, ChatEvents.Returned), $"returned:{participant.Member.Id}:{written.Id}");
        }
    }

    /// <param name="running">The chat's timers.</param>
    /// <param name="participant">Whose timer it is.</param>
    /// <param name="next">The step it takes when it falls due, and when; none when null.</param>
    /// <param name="setBy">
    /// The item that set it (a join, a message, an idle event). Its id names the timer across replicas; its time is
    /// when the timer started: a replica can hear an item before its own copy of a shared clock reaches the item's
    /// time, and a timer counted from that replica's "now" would fall due early.
    /// </param>
    private void Schedule(RunningTimers running, ParticipantTimer participant, (TimerStep Step, TimeSpan After)? next, ChatItem setBy)
    {
        participant.Timer?.Dispose();
        participant.Timer = null;
        participant.Generation++;
        participant.SetBy = setBy.Id;
        if (next is { } due)
        {
            var left = setBy.AbsoluteTime + due.After - _time.GetUtcNow();
            participant.Timer = _time.CreateTimer(
                Due, new DueState(running, participant, participant.Generation, due.Step), left > TimeSpan.Zero ? left : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>A timer's callback: synchronous, so that an advanced clock sees its effect before the advance returns.</summary>
    private void Due(object? state)
    {
        var due = (DueState)state!;
        try
        {
            lock (_chats.LockOf(due.Running.ContactId))
            {
                if (!_running.TryGetValue(due.Running.ContactId, out var running) || running != due.Running
                    || due.Participant.Generation != due.Generation)
                {
                    return; // Reset, stopped or replaced after it fell due.
                }

                if (_store.Find(running.ContactId) is not { } contact || contact.StateAt(_time.GetUtcNow()) == ContactState.Ended
                    || (_shared && contact.Chat?.Present(ParticipantRoles.Agent)?.Id != running.AgentId))
                {
                    // Over, or (shared) another replica's timer disconnected the agent before this one heard it.
                    Stop(running.ContactId);
                    return;
                }

                if (due.Step == TimerStep.Idle)
                {
                    BecomeIdle(running, due.Participant);
                }
                else
                {
                    AutoDisconnect(running);
                }
            }
        }
        catch (Exception ex)
        {
            // A timer's exception would end the process (a thread-pool timer) or the clock's advance: log it instead.
            LogTimerFailed(ex, due.Running.ContactId);
        }
    }

    private void BecomeIdle(RunningTimers running, ParticipantTimer participant)
    {
        var idle = NewEvent(participant.Member, ChatEvents.Idle);
        if (_shared)
        {
            // Posted once in the cluster: the replica whose post the store kept goes on from it now (so that an advance
            // of the clock fires the next step too), the others as they hear the event (Follow).
            if (PostEvent(running.ContactId, idle, $"idle:{participant.Member.Id}:{participant.SetBy}"))
            {
                Idle(running, participant, idle);
            }

            return;
        }

        Idle(running, participant, idle);
        PostEvent(running.ContactId, idle, null);
    }

    /// <summary>The participant is idle since item <paramref name="idleEvent"/>: its auto-disconnect timer starts.</summary>
    private void Idle(RunningTimers running, ParticipantTimer participant, ChatItem idleEvent)
    {
        participant.Idle = true;
        Schedule(running, participant, participant.DisconnectAfter is { } after ? (TimerStep.Disconnect, after) : null, idleEvent);
    }

    /// <summary>
    /// "All participants other than the customer are disconnected": the agent hears participant.autodisconnection
    /// (its own name and role on the event, which chatjs's onAutoDisconnection example checks) and leaves, as an
    /// agent leaving does (<see cref="AgentDeparture.IdleDisconnection"/>).
    /// </summary>
    private void AutoDisconnect(RunningTimers running)
    {
        // The change it makes stops this chat's timers (Follow: no agent present).
        _agents.Leave(running.ContactId, AgentDeparture.IdleDisconnection);
        Stop(running.ContactId);
    }

    /// <summary>
    /// Posts a timer's event. With a shared store, under a ClientToken named after the timer (<paramref name="once"/>),
    /// of a participant no client can be (<see cref="TimerParticipant"/>): whichever replica posts first, the store keeps
    /// that post and answers every other replica's as a repeat, which nobody hears.
    /// </summary>
    /// <returns>Whether this post was kept (false: another replica's was).</returns>
    private bool PostEvent(Guid contactId, ChatItem timerEvent, string? once) =>
        !_chats.Post(contactId, timerEvent, _shared && once is not null ? new ClientTokenUse(TimerParticipant, once) : null).Repeated;

    private ChatItem NewEvent(ChatMember member, string contentType) =>
        new(ChatSessions.NewItemId(), ChatEvents.Event, contentType, null, _time.GetUtcNow(), member.Info, null);

    private void Stop(Guid contactId)
    {
        if (_running.TryRemove(contactId, out var running))
        {
            foreach (var participant in running.Participants)
            {
                participant.Timer?.Dispose();
                participant.Timer = null;
                participant.Generation++;
            }
        }
    }

    private void Forget(IReadOnlyList<Guid> contactIds)
    {
        foreach (var contactId in contactIds)
        {
            lock (_chats.LockOf(contactId))
            {
                Stop(contactId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A participant timer of chat {ContactId} failed")]
    private partial void LogTimerFailed(Exception exception, Guid contactId);

    private enum TimerStep
    {
        Idle,
        Disconnect,
    }

    /// <summary>The timers of one chat, for the agent whose joining started them.</summary>
    private sealed class RunningTimers(Guid contactId, Guid agentId, IReadOnlyList<ParticipantTimer> participants)
    {
        public Guid ContactId => contactId;

        public Guid AgentId => agentId;

        public IReadOnlyList<ParticipantTimer> Participants => participants;

        public ParticipantTimer? Find(Guid participantId) => participants.FirstOrDefault(p => p.Member.Id == participantId);
    }

    /// <summary>One participant's timers: its settings, whether it is idle, and the one timer scheduled next.</summary>
    private sealed class ParticipantTimer(ChatMember member, TimeSpan? idleAfter, TimeSpan? disconnectAfter)
    {
        public ChatMember Member => member;

        public TimeSpan? IdleAfter => idleAfter;

        public TimeSpan? DisconnectAfter => disconnectAfter;

        public bool Idle { get; set; }

        public ITimer? Timer { get; set; }

        /// <summary>Counts reschedules: a callback of an earlier timer, already running when it was replaced, is ignored.</summary>
        public long Generation { get; set; }

        /// <summary>The id of the item that set the timer scheduled now: every replica that follows the chat names it alike.</summary>
        public string SetBy { get; set; } = string.Empty;
    }

    private sealed record DueState(RunningTimers Running, ParticipantTimer Participant, long Generation, TimerStep Step);
}
