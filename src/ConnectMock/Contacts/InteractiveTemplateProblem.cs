namespace ConnectMock.Contacts;

/// <summary>
/// Ends the walk through an interactive template at its first problem: <see cref="InteractiveTemplates.Problem"/>
/// catches it and returns its message, so it never leaves the validator.
/// </summary>
internal sealed class InteractiveTemplateProblem(string message) : Exception(message);
