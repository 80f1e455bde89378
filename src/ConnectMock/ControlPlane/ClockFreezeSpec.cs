namespace ConnectMock.ControlPlane;

/// <summary>Body of <c>POST /_connectmock/clock/freeze</c>, optional.</summary>
/// <param name="At">The time to stop at (ISO 8601); now when left out. A later time fires the timers due until then.</param>
internal sealed record ClockFreezeSpec(DateTimeOffset? At = null)
{
    public static ValueTask<ClockFreezeSpec> BindAsync(HttpContext http) =>
        ControlPlaneJson.ReadAsync(http, ControlPlaneJsonContext.Default.ClockFreezeSpec, new ClockFreezeSpec());
}
