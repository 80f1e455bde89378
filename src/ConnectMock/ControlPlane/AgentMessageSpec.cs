namespace ConnectMock.ControlPlane;

/// <summary>The body of <c>POST /_connectmock/contacts/{contactId}/agent/messages</c>.</summary>
/// <param name="Content">What the agent writes.</param>
/// <param name="ContentType">text/plain when left out.</param>
internal sealed record AgentMessageSpec(string? Content = null, string? ContentType = null)
{
    public static ValueTask<AgentMessageSpec> BindAsync(HttpContext http) =>
        ControlPlaneJson.ReadAsync(http, ControlPlaneJsonContext.Default.AgentMessageSpec, new AgentMessageSpec());
}
