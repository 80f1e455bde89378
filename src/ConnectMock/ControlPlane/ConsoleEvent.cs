namespace ConnectMock.ControlPlane;

/// <summary>One server-sent event of the web console's feed: its name and its JSON data, on one line.</summary>
internal readonly record struct ConsoleEvent(string Name, string Data);
