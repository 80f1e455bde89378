namespace ConnectMock.Testing;

/// <summary>When a fault closes the connection.</summary>
public enum DropConnection
{
    /// <summary>Without an answer and without doing anything.</summary>
    BeforeProcessing,

    /// <summary>After the work is done (the contact is created), so a client's retry path can be tested.</summary>
    AfterProcessing,
}
