using ConnectMock.Aws;
using ConnectMock.Contacts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectMock.Connect;

/// <summary>StartChatContact: <c>PUT /contact/chat</c>.</summary>
internal static class StartChatContact
{
    public static Ok<StartChatContactResponse> Handle(StartChatContactRequest request, ChatService chats)
    {
        var contact = chats.StartChat(request.ToDomain());
        return TypedResults.Ok(StartChatContactResponse.From(contact));
    }
}

internal sealed partial class StartChatContactRequest : IIdempotentRequest, IInstanceRequest
{
    /// <summary>Minimal APIs' hook for custom binding: the body is read strictly, the AWS way.</summary>
    public static ValueTask<StartChatContactRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ConnectJsonContext.Default.StartChatContactRequest);

    /// <summary>
    /// The domain request; call only after validation, which guarantees the required members and no null among the
    /// values of the maps and lists, so those are handed over as they are rather than copied.
    /// </summary>
    public ChatRequest ToDomain() => new(
        InstanceId!,
        ContactFlowId!,
        ParticipantDetails!.DisplayName!,
        ClientToken,
        Attributes!, // the same objects: nullable annotations are compile-time only
        ParticipantConfiguration?.ResponseMode,
        InitialMessage is { } m ? new ChatMessageContent(m.ContentType!, m.Content!) : null,
        ChatDurationInMinutes,
        SupportedMessagingContentTypes!,
        PersistentChat is { } p ? new PersistentChatSource(p.RehydrationType!, p.SourceContactId!) : null,
        RelatedContactId,
        SegmentAttributes?.ToDictionary(a => a.Key, a => a.Value!.ToDomain(), StringComparer.Ordinal),
        CustomerId,
        DisconnectOnCustomerExit!);

    /// <summary>The request as the client sent it, from what the domain kept.</summary>
    public static StartChatContactRequest FromDomain(ChatRequest request) => new()
    {
        InstanceId = request.InstanceId,
        ContactFlowId = request.ContactFlowId,
        Attributes = request.Attributes?.ToDictionary(a => a.Key, a => (string?)a.Value, StringComparer.Ordinal),
        ParticipantDetails = new ParticipantDetails { DisplayName = request.DisplayName },
        ParticipantConfiguration = request.ResponseMode is null ? null : new ParticipantConfiguration { ResponseMode = request.ResponseMode },
        InitialMessage = request.InitialMessage is { } m ? new ChatMessage { ContentType = m.ContentType, Content = m.Content } : null,
        ClientToken = request.ClientToken,
        ChatDurationInMinutes = request.ChatDurationInMinutes,
        SupportedMessagingContentTypes = request.SupportedMessagingContentTypes?.Select(t => (string?)t).ToList(),
        PersistentChat = request.PersistentChat is { } p
            ? new PersistentChat { RehydrationType = p.RehydrationType, SourceContactId = p.SourceContactId }
            : null,
        RelatedContactId = request.RelatedContactId,
        SegmentAttributes = request.SegmentAttributes?.ToDictionary(a => a.Key, a => (SegmentAttributeValue?)SegmentAttributeValue.FromDomain(a.Value), StringComparer.Ordinal),
        CustomerId = request.CustomerId,
        DisconnectOnCustomerExit = request.DisconnectOnCustomerExit?.Select(t => (string?)t).ToList(),
    };
}

internal sealed partial class SegmentAttributeValue
{
    public SegmentValue ToDomain() => new(
        ValueString,
        ValueMap?.ToDictionary(v => v.Key, v => v.Value!.ToDomain(), StringComparer.Ordinal),
        ValueInteger,
        ValueList?.ConvertAll(v => v!.ToDomain()),
        ValueArn);

    public static SegmentAttributeValue FromDomain(SegmentValue value) => new()
    {
        ValueString = value.ValueString,
        ValueMap = value.ValueMap?.ToDictionary(v => v.Key, v => (SegmentAttributeValue?)FromDomain(v.Value), StringComparer.Ordinal),
        ValueInteger = value.ValueInteger,
        ValueList = value.ValueList?.Select(v => (SegmentAttributeValue?)FromDomain(v)).ToList(),
        ValueArn = value.ValueArn,
    };
}

internal sealed partial record StartChatContactResponse
{
    public static StartChatContactResponse From(ChatContact contact) => new(
        contact.ContactId.ToString(),
        contact.ParticipantId.ToString(),
        contact.ParticipantToken,
        contact.ContinuedFromContactId);
}
