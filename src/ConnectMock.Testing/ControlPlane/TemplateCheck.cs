namespace ConnectMock.Testing;

/// <summary>Whether a body is an interactive template the agent may send, and if not, what is wrong, naming the member.</summary>
public sealed record TemplateCheck(bool Valid, string? Problem);
