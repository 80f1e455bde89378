using ConnectMock.Aws;
using ConnectMock.Contacts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectMock.Connect;

/// <summary>StartChatContact: <c>PUT /contact/chat</c>.</summary>
public static class StartChatContact
{
    public static Ok<StartChatContactResponse> Handle(StartChatContactRequest request, ChatService chats)
    {
        var result = chats.StartChat(request.ToDomain());
        return TypedResults.Ok(StartChatContactResponse.From(result.Contact));
    }
}

public sealed partial class StartChatContactRequest : IIdempotentRequest
{
    /// <summary>Minimal APIs' hook for custom binding: the body is read strictly, the AWS way.</summary>
    public static ValueTask<StartChatContactRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ConnectJsonContext.Default.StartChatContactRequest);

    /// <summary>The domain request; call only after validation, which guarantees the required members.</summary>
    public ChatRequest ToDomain() => new(
        InstanceId!,
        ContactFlowId!,
        ParticipantDetails!.DisplayName!,
        ClientToken,
        Attributes?.ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal),
        ParticipantConfiguration?.ResponseMode,
        InitialMessage is { } m ? new ChatMessageContent(m.ContentType!, m.Content!) : null,
        ChatDurationInMinutes,
        SupportedMessagingContentTypes?.ConvertAll(t => t!),
        PersistentChat is { } p ? new PersistentChatSource(p.RehydrationType!, p.SourceContactId!) : null,
        RelatedContactId,
        SegmentAttributes?.ToDictionary(a => a.Key, a => a.Value!.ToDomain(), StringComparer.Ordinal),
        CustomerId,
        DisconnectOnCustomerExit?.ConvertAll(t => t!));
}

public sealed partial class SegmentAttributeValue
{
    public SegmentValue ToDomain() => new(
        ValueString,
        ValueMap?.ToDictionary(v => v.Key, v => v.Value!.ToDomain(), StringComparer.Ordinal),
        ValueInteger,
        ValueList?.ConvertAll(v => v!.ToDomain()),
        ValueArn);
}

public sealed partial record StartChatContactResponse
{
    public static StartChatContactResponse From(ChatContact contact) => new(
        contact.ContactId.ToString(),
        contact.ParticipantId.ToString(),
        contact.ParticipantToken,
        contact.ContinuedFromContactId);
}
