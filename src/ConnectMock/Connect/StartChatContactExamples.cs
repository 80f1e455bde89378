using ConnectMock.Contacts;

namespace ConnectMock.Connect;

/// <summary>Valid example requests, shown (and sent by "Try it out") in Swagger UI.</summary>
internal static class StartChatContactExamples
{
    public static readonly StartChatContactRequest Minimal = new()
    {
        InstanceId = "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE",
        ContactFlowId = "a1b2c3d4-5678-90ab-cdef-77777EXAMPLE",
        ParticipantDetails = new ParticipantDetails { DisplayName = "Jane Smith" },
    };

    public static readonly StartChatContactRequest Full = new()
    {
        InstanceId = "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE",
        ContactFlowId = "a1b2c3d4-5678-90ab-cdef-77777EXAMPLE",
        Attributes = new() { ["orderId"] = "ORD-1001", ["customer_tier"] = "gold" },
        ParticipantDetails = new ParticipantDetails { DisplayName = "Jane Smith" },
        ParticipantConfiguration = new ParticipantConfiguration { ResponseMode = "INCREMENTAL" },
        InitialMessage = new ChatMessage { ContentType = ChatContentTypes.Plain, Content = "Hello, I need help with my order." },
        ClientToken = "c6055e5d-ce26-4754-8130-1d6c26490133",
        ChatDurationInMinutes = 60,
        SupportedMessagingContentTypes =
            [ChatContentTypes.Plain, ChatContentTypes.Markdown, ChatContentTypes.Interactive, ChatContentTypes.InteractiveResponse],
        SegmentAttributes = new()
        {
            [StartChatContactRequestValidator.GuideSubtypeKey] = new SegmentAttributeValue
            {
                ValueString = StartChatContactRequestValidator.GuideSubtypeValue,
            },
        },
        CustomerId = "CRM-000123",
        DisconnectOnCustomerExit = ["AGENT"],
    };

    public static readonly IReadOnlyDictionary<string, object> All = new Dictionary<string, object>
    {
        ["minimal"] = Minimal,
        ["full"] = Full,
    };
}
