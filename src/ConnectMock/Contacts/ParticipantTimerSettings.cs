namespace ConnectMock.Contacts;

/// <summary>
/// A chat's participant timers as UpdateParticipantRoleConfig stored them: for each role (CUSTOMER, AGENT) an idle
/// timer and an auto-disconnect timer, in minutes, each set or not. Stored on the contact; applied when an agent joins
/// (<see cref="ChatTimers"/>), as Connect's guide to chat timeouts says.
/// </summary>
internal sealed record ParticipantTimerSettings(int? CustomerIdle, int? CustomerDisconnect, int? AgentIdle, int? AgentDisconnect)
{
    public const string IdleTimer = "IDLE";
    public const string DisconnectTimer = "DISCONNECT_NONCUSTOMER";

    /// <summary>The model's ParticipantTimerAction: its only value deletes a timer.</summary>
    public const string Unset = "Unset";

    /// <summary>The model's TimerEligibleParticipantRoles.</summary>
    public static readonly IReadOnlyList<string> Roles = [ParticipantRoles.Customer, ParticipantRoles.Agent];

    /// <summary>The model's ParticipantTimerType.</summary>
    public static readonly IReadOnlyList<string> TimerTypes = [IdleTimer, DisconnectTimer];

    public static readonly ParticipantTimerSettings None = new(null, null, null, null);

    public bool IsEmpty => this == None;

    /// <summary>The idle timer of <paramref name="role"/>, if set.</summary>
    public TimeSpan? IdleAfter(string role) => Minutes(role == ParticipantRoles.Customer ? CustomerIdle : role == ParticipantRoles.Agent ? AgentIdle : null);

    /// <summary>The auto-disconnect timer of <paramref name="role"/>, if set.</summary>
    public TimeSpan? DisconnectAfter(string role) =>
        Minutes(role == ParticipantRoles.Customer ? CustomerDisconnect : role == ParticipantRoles.Agent ? AgentDisconnect : null);

    /// <summary>These settings with each change applied in order: a duration sets a timer, null (Unset) deletes it.</summary>
    public ParticipantTimerSettings With(IEnumerable<ParticipantTimerChange> changes) =>
        changes.Aggregate(this, (settings, change) => (change.Role, change.TimerType) switch
        {
            (ParticipantRoles.Customer, IdleTimer) => settings with { CustomerIdle = change.Minutes },
            (ParticipantRoles.Customer, DisconnectTimer) => settings with { CustomerDisconnect = change.Minutes },
            (ParticipantRoles.Agent, IdleTimer) => settings with { AgentIdle = change.Minutes },
            (ParticipantRoles.Agent, DisconnectTimer) => settings with { AgentDisconnect = change.Minutes },
            _ => throw new ArgumentException($"No timer {change.TimerType} for role {change.Role}.", nameof(changes)),
        });

    private static TimeSpan? Minutes(int? minutes) => minutes is { } m ? TimeSpan.FromMinutes(m) : null;
}
