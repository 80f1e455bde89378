namespace ConnectMock.Connect;

// Wire shapes of StartChatContact. Property names are the AWS member names, exactly. Every member is nullable
// because JSON may leave any of them out; the validator decides what is required. Enumerations stay strings
// so that an unknown value is a validation error (InvalidParameterException), not a JSON error.

/// <summary>The body of <c>PUT /contact/chat</c>.</summary>
internal sealed partial class StartChatContactRequest
{
    /// <summary>The identifier of the Amazon Connect instance (the last part of the instance ARN).</summary>
    /// <example>a1b2c3d4-5678-90ab-cdef-11111EXAMPLE</example>
    public string? InstanceId { get; set; }

    /// <summary>The identifier of the flow that starts the chat (the last part of the flow ARN).</summary>
    /// <example>a1b2c3d4-5678-90ab-cdef-77777EXAMPLE</example>
    public string? ContactFlowId { get; set; }

    /// <summary>
    /// Contact attributes that flows can read. At most 32,768 UTF-8 bytes across all keys and values;
    /// keys may contain only letters, digits, '-' and '_'.
    /// </summary>
    public Dictionary<string, string?>? Attributes { get; set; }

    /// <summary>Information identifying the customer participant.</summary>
    public ParticipantDetails? ParticipantDetails { get; set; }

    /// <summary>The configuration of the customer participant.</summary>
    public ParticipantConfiguration? ParticipantConfiguration { get; set; }

    /// <summary>The first message of the chat.</summary>
    public ChatMessage? InitialMessage { get; set; }

    /// <summary>
    /// Idempotency token: a repeat with the same token for the same instance returns the same contact
    /// for 7 days. AWS SDKs fill it with a random UUID when the caller leaves it out.
    /// </summary>
    /// <example>c6055e5d-ce26-4754-8130-1d6c26490133</example>
    public string? ClientToken { get; set; }

    /// <summary>How long the chat lasts, in minutes. 1500 (25 hours) when left out.</summary>
    /// <example>60</example>
    public int? ChatDurationInMinutes { get; set; }

    /// <summary>The message content types the customer supports. Must contain <c>text/plain</c>.</summary>
    /// <example>["text/plain", "text/markdown"]</example>
    public List<string?>? SupportedMessagingContentTypes { get; set; }

    /// <summary>Continues an earlier chat. Cannot be combined with <c>RelatedContactId</c>.</summary>
    public PersistentChat? PersistentChat { get; set; }

    /// <summary>A contact that this chat is related to. Cannot be combined with <c>PersistentChat</c>.</summary>
    /// <example>d88ac802-4fa8-4ddd-9e59-89ac2e378879</example>
    public string? RelatedContactId { get; set; }

    /// <summary>System-defined attributes stored on the contact segment, for example <c>connect:Subtype</c>.</summary>
    public Dictionary<string, SegmentAttributeValue?>? SegmentAttributes { get; set; }

    /// <summary>The customer's identification number, for example from a CRM.</summary>
    /// <example>CRM-000123</example>
    public string? CustomerId { get; set; }

    /// <summary>Participant types to disconnect when the customer leaves the chat: exactly one, <c>AGENT</c>.</summary>
    /// <example>["AGENT"]</example>
    public List<string?>? DisconnectOnCustomerExit { get; set; }
}

/// <summary>Information identifying the participant.</summary>
internal sealed class ParticipantDetails
{
    /// <summary>Display name of the participant.</summary>
    /// <example>Jane Smith</example>
    public string? DisplayName { get; set; }
}

/// <summary>The configuration of the participant.</summary>
internal sealed class ParticipantConfiguration
{
    /// <summary>How responses are sent to the participant.</summary>
    /// <example>INCREMENTAL</example>
    public string? ResponseMode { get; set; }
}

/// <summary>A chat message.</summary>
internal sealed class ChatMessage
{
    /// <summary>
    /// <c>text/plain</c>, <c>text/markdown</c>, <c>application/json</c> or
    /// <c>application/vnd.amazonaws.connect.message.interactive.response</c>.
    /// </summary>
    /// <example>text/plain</example>
    public string? ContentType { get; set; }

    /// <summary>
    /// The message. At most 1024 characters for text/plain and text/markdown, 12000 for application/json,
    /// 12288 for the interactive response type.
    /// </summary>
    /// <example>Hello, I need help with my order.</example>
    public string? Content { get; set; }
}

/// <summary>Persistent chat: continue a past chat session.</summary>
internal sealed class PersistentChat
{
    /// <summary>Which past contact to rehydrate from. Required for persistent chat.</summary>
    /// <example>ENTIRE_PAST_SESSION</example>
    public string? RehydrationType { get; set; }

    /// <summary>The past contact (or initial contact of the past session) to continue from.</summary>
    /// <example>d88ac802-4fa8-4ddd-9e59-89ac2e378879</example>
    public string? SourceContactId { get; set; }
}

/// <summary>The value of a segment attribute.</summary>
internal sealed partial class SegmentAttributeValue
{
    /// <summary>A string value.</summary>
    /// <example>connect:Guide</example>
    public string? ValueString { get; set; }

    /// <summary>A map value.</summary>
    public Dictionary<string, SegmentAttributeValue?>? ValueMap { get; set; }

    /// <summary>An integer value.</summary>
    public int? ValueInteger { get; set; }

    /// <summary>A list value. Only for system-defined (<c>connect:</c>) attributes.</summary>
    public List<SegmentAttributeValue?>? ValueList { get; set; }

    /// <summary>An ARN value. Only for system-defined (<c>connect:</c>) attributes.</summary>
    public string? ValueArn { get; set; }
}

/// <summary>The 200 response of StartChatContact.</summary>
/// <param name="ContactId" example="d88ac802-4fa8-4ddd-9e59-89ac2e378879">The identifier of the new contact.</param>
/// <param name="ParticipantId" example="0b486325-be6b-4d4f-ba46-bdec2e574465">The customer participant's identifier, the same for the whole chat.</param>
/// <param name="ParticipantToken" example="fpf2M9KRzQGfvH+7yJeQjVLwuEEakwfK62odH+RfZoOLl5xoib2sOC6xFdFyjJhO">The token for CreateParticipantConnection. Opaque.</param>
/// <param name="ContinuedFromContactId" example="9c447689-a5b5-45b4-8a8a-e2fbe00bdb43">The contact a persistent chat continues from; only for persistent chats.</param>
internal sealed partial record StartChatContactResponse(
    string ContactId,
    string ParticipantId,
    string ParticipantToken,
    string? ContinuedFromContactId);
