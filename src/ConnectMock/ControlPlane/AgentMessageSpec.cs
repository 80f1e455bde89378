namespace ConnectMock.ControlPlane;

/// <summary>The body of <c>POST /_connectmock/contacts/{contactId}/agent/messages</c>.</summary>
/// <param name="Content">What the agent writes; for an interactive message, the template's JSON as a string.</param>
/// <param name="ContentType">text/plain when left out; application/vnd.amazonaws.connect.message.interactive for a template.</param>
internal sealed record AgentMessageSpec(string? Content = null, string? ContentType = null)
{
    public static ValueTask<AgentMessageSpec> BindAsync(HttpContext http) =>
        ControlPlaneJson.ReadAsync(http, ControlPlaneJsonContext.Default.AgentMessageSpec, new AgentMessageSpec());
}
