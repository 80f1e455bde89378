namespace ConnectMock.Testing;

/// <summary>An event the simulated agent sends.</summary>
public enum AgentEvent
{
    /// <summary>application/vnd.amazonaws.connect.event.typing</summary>
    Typing,

    /// <summary>application/vnd.amazonaws.connect.event.message.read, for a message id</summary>
    Read,

    /// <summary>application/vnd.amazonaws.connect.event.message.delivered, for a message id</summary>
    Delivered,
}
