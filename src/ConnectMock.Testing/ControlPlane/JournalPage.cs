namespace ConnectMock.Testing;

/// <summary>A page of the journal, newest first; <see cref="NextToken"/> pages on.</summary>
public sealed record JournalPage(IReadOnlyList<JournalEntry> Requests, string? NextToken);
