namespace ConnectMock.Instances;

/// <summary>A Connect instance the mock knows, with its contact flows and its chat quota.</summary>
internal sealed class InstanceResource
{
    public string Id { get; set; } = "";

    /// <summary>The flows of the instance; when empty, any ContactFlowId is accepted for it.</summary>
    public List<string> ContactFlowIds { get; set; } = [];

    /// <summary>The quota of concurrent active chats; beyond it StartChatContact answers LimitExceededException.</summary>
    public int? MaxConcurrentActiveChats { get; set; }
}
