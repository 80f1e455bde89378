namespace ConnectMock.ControlPlane;

/// <summary>Body of <c>POST /_connectmock/clock/advance</c>.</summary>
/// <param name="By">An ISO 8601 duration of days, hours, minutes and seconds: <c>PT61M</c>, <c>P7D</c>, <c>PT0.5S</c>.</param>
internal sealed record ClockAdvanceSpec(string? By = null)
{
    public static ValueTask<ClockAdvanceSpec> BindAsync(HttpContext http) =>
        ControlPlaneJson.ReadAsync(http, ControlPlaneJsonContext.Default.ClockAdvanceSpec, new ClockAdvanceSpec());
}
