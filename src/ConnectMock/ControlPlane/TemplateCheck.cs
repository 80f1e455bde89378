namespace ConnectMock.ControlPlane;

/// <summary>Whether a body is an interactive template the agent may send, and if not, what is wrong, naming the member.</summary>
internal sealed record TemplateCheck(bool Valid, string? Problem);
