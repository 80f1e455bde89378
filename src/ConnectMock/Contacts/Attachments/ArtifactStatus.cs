namespace ConnectMock.Contacts.Attachments;

/// <summary>The model's <c>ArtifactStatus</c>.</summary>
internal static class ArtifactStatus
{
    public const string Approved = "APPROVED";
    public const string Rejected = "REJECTED";
    public const string InProgress = "IN_PROGRESS";
}
