namespace ConnectMock.Testing;

/// <summary>A page of contacts, newest first; <see cref="NextToken"/> pages on.</summary>
public sealed record ContactPage(IReadOnlyList<ContactSummary> Contacts, string? NextToken);
