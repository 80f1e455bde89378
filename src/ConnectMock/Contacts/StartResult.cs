namespace ConnectMock.Contacts;

/// <summary>The outcome of a start and the contact it returned (null only when the quota was exceeded).</summary>
internal readonly record struct StartResult(StartOutcome Outcome, ChatContact? Contact);
