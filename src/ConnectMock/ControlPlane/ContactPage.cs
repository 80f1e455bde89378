namespace ConnectMock.ControlPlane;

internal sealed record ContactPage(IReadOnlyList<ContactSummary> Contacts, string? NextToken);
