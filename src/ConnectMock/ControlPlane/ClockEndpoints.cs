using System.Globalization;
using System.Text.RegularExpressions;
using ConnectMock.Aws;
using ConnectMock.Contacts;
using ConnectMock.Contacts.Time;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectMock.ControlPlane;

/// <summary>
/// The service's clock: freeze it, advance it (firing every timer due on the way before the call returns), or return
/// it to real time, so that a test of a 7-day chat or a 480-minute idle timer runs in milliseconds.
/// </summary>
internal static partial class ClockEndpoints
{
    public static void MapClockEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/clock", Read).WithName("GetClock")
            .WithSummary("The service's time, whether it is frozen, its offset from the system clock and the timers waiting.");
        group.MapPost("/clock/freeze", Freeze).WithName("FreezeClock")
            .WithSummary("Stops the clock, now or at the given time; it moves only when advanced until POST /clock/real.")
            .DocumentsJsonBody<ClockFreezeSpec>(new Dictionary<string, object> { ["now"] = new ClockFreezeSpec(), ["at a time"] = new ClockFreezeSpec(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)) });
        group.MapPost("/clock/advance", Advance).WithName("AdvanceClock")
            .WithSummary($"Moves the clock forward by an ISO 8601 duration (more than zero, at most P{(int)ConnectMockClock.MaxAdvance.TotalDays}D), firing " +
                "every timer due on the way, in order, each at its time, before it answers: advance PT61M and a 60-minute chat has ended. " +
                "A frozen clock stays frozen; a running one keeps running from the new time.")
            .DocumentsJsonBody<ClockAdvanceSpec>(new Dictionary<string, object> { ["61 minutes"] = new ClockAdvanceSpec("PT61M"), ["7 days"] = new ClockAdvanceSpec("P7D") });
        group.MapPost("/clock/real", Real).WithName("ReturnClockToRealTime")
            .WithSummary("Back to the system clock: not frozen, no offset. Timers keep their times; those now past fire.");
    }

    // The timers a replica reports and fires are those of the chats it has heard of: with several replicas, each first
    // catches up with the changes the others made (IContactStore.CatchUp), as if one server had made them all.
    public static JsonHttpResult<ClockView> Read(ConnectMockClock clock, IContactStore store)
    {
        store.CatchUp();
        return View(clock.Read());
    }

    public static JsonHttpResult<ClockView> Freeze(ConnectMockClock clock, IContactStore store, ClockFreezeSpec body)
    {
        store.CatchUp();
        clock.Freeze(body.At);
        return View(clock.Read());
    }

    public static JsonHttpResult<ClockView> Advance(ConnectMockClock clock, IContactStore store, ClockAdvanceSpec body)
    {
        var by = Duration(body.By);
        store.CatchUp();
        var fired = clock.Advance(by);
        return View(clock.Read(), fired);
    }

    public static JsonHttpResult<ClockView> Real(ConnectMockClock clock, IContactStore store)
    {
        store.CatchUp();
        clock.ReturnToRealTime();
        return View(clock.Read());
    }

    /// <summary>An ISO 8601 duration of days, hours, minutes and seconds within what one advance may move.</summary>
    public static TimeSpan Duration(string? text)
    {
        var limit = $"an ISO 8601 duration such as PT61M, P7D or PT0.5S, more than zero and at most P{(int)ConnectMockClock.MaxAdvance.TotalDays}D";
        if (text is null)
        {
            throw ControlPlaneException.BadRequest($"by is required: {limit}.");
        }

        var match = IsoDuration().Match(text);
        if (!match.Success || text is "P" or "PT" || text.EndsWith('T'))
        {
            throw ControlPlaneException.BadRequest($"by must be {limit}.");
        }

        double Part(string name) => match.Groups[name].Success ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var days = Part("days") + (Part("hours") / 24) + (Part("minutes") / 1440) + (Part("seconds") / 86400);
        if (days <= 0 || days > ConnectMockClock.MaxAdvance.TotalDays)
        {
            throw ControlPlaneException.BadRequest($"by must be {limit}.");
        }

        return TimeSpan.FromTicks((long)Math.Round(days * TimeSpan.TicksPerDay));
    }

    private static JsonHttpResult<ClockView> View(ConnectMockClock.State state, int? fired = null) =>
        TypedResults.Json(
            new ClockView(state.Now, state.Frozen, Math.Round(state.Offset.TotalMilliseconds, 3), state.PendingTimers, state.NextDueAt, fired),
            ControlPlaneJsonContext.Default.ClockView);

    [GeneratedRegex(@"^P(?:(?<days>\d{1,5})D)?(?:T(?:(?<hours>\d{1,6})H)?(?:(?<minutes>\d{1,8})M)?(?:(?<seconds>\d{1,9}(?:\.\d{1,7})?)S)?)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex IsoDuration();
}
