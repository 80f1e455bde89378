namespace ConnectMock.Contacts.Time;

/// <summary>
/// The time the <see cref="ConnectMockClock"/> runs on when it is not frozen: the system's in a server, a fake one in
/// tests. Pacing that ConnectMock adds of its own (the bot's reply delay, the simulated scanner, socket close
/// timeouts) runs on it too, so that freezing the service's clock does not stop a bot from answering.
/// </summary>
internal sealed record ClockSource(TimeProvider Time);
