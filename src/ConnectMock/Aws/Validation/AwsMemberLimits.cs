namespace ConnectMock.Aws.Validation;

/// <summary>
/// The model's length limits of the members that several operations and the control plane share: one table, which
/// the operations' validators and the control plane's checks both read, so that they cannot drift apart.
/// </summary>
internal static class AwsMemberLimits
{
    public static readonly LengthBounds InstanceId = new(1, 100);

    public static readonly LengthBounds ContactFlowId = new(0, 500);

    public static readonly LengthBounds ClientToken = new(0, 500);

    public static readonly LengthBounds ContactId = new(1, 256);

    public static readonly LengthBounds DisplayName = new(1, 256);

    /// <summary>An agent's id (AgentInfo.Id, the model's AgentResourceId).</summary>
    public static readonly LengthBounds AgentResourceId = new(1, 256);

    /// <summary>A queue's id (QueueInfo.Id): the model gives QueueId no length; 256 as the other resource ids.</summary>
    public static readonly LengthBounds QueueId = new(1, 256);

    /// <summary>A transcript item's id, which is what a read or delivered receipt names as its messageId.</summary>
    public static readonly LengthBounds ItemId = new(1, 256);

    /// <summary>
    /// An identifier within its member's length (at least 1 character, whatever the model's minimum, since an empty
    /// one names nothing), and not only blanks, which no Connect resource is named.
    /// </summary>
    public static bool IsId(string? value, ILengthConstraint limit) =>
        value is not null && !string.IsNullOrWhiteSpace(value)
        && ConstraintText.CodePoints(value) is var length && length >= Math.Max(1, limit.Min) && length <= (limit.Max ?? int.MaxValue);

    public static string Describe(ILengthConstraint limit, string awsName) =>
        $"{Math.Max(1, limit.Min)} to {limit.Max} characters, as Connect's {awsName}, and not blank";
}
