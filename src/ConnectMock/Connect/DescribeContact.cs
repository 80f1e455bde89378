using System.Text.Json.Serialization;
using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ConnectMock.Connect;

/// <summary>The labels of <c>GET /contacts/{InstanceId}/{ContactId}</c>.</summary>
internal sealed record DescribeContactRequest(string InstanceId, string ContactId)
{
    public static ValueTask<DescribeContactRequest> BindAsync(HttpContext context) =>
        ValueTask.FromResult(new DescribeContactRequest(AwsLabels.InstanceId(context), AwsLabels.Get(context, nameof(ContactId))));
}

internal sealed record DescribeContactResponse(ContactDescription Contact);

/// <summary>The members of DescribeContact's Contact that a chat has.</summary>
internal sealed record ContactDescription(
    string Arn,
    string Id,
    string InitialContactId,
    string InitiationMethod,
    string Channel,
    [property: JsonConverter(typeof(EpochSecondsConverter))] DateTimeOffset InitiationTimestamp,
    [property: JsonConverter(typeof(EpochSecondsConverter))] DateTimeOffset? DisconnectTimestamp,
    [property: JsonConverter(typeof(EpochSecondsConverter))] DateTimeOffset LastUpdateTimestamp,
    string? RelatedContactId,
    string? CustomerId,
    Dictionary<string, SegmentAttributeValue?>? SegmentAttributes,
    IReadOnlyDictionary<string, string> Attributes,
    string? DisconnectReason,
    AgentInfo? AgentInfo,
    QueueInfo? QueueInfo);

internal sealed class DescribeContactRequestValidator : AbstractValidator<DescribeContactRequest>
{
    public DescribeContactRequestValidator()
    {
        RuleFor(r => r.InstanceId).HasLength(AwsMemberLimits.InstanceId);
        RuleFor(r => r.ContactId).HasLength(AwsMemberLimits.ContactId);
    }
}

/// <summary>
/// DescribeContact: <c>GET /contacts/{InstanceId}/{ContactId}</c>. Channel, timestamps and attributes of a chat.
/// PreviousContactId is the contact a transfer came from, which ConnectMock never makes; a persistent chat names the
/// contact it continues in RelatedContactId: "For persistent chat, the RelatedContactId depicts the contactId used
/// to source chat rehydration" (admin guide, Enable persistent chat). AgentInfo is the agent the chat was last
/// connected to (the simulated agent, docs/agent-lifecycle.md), QueueInfo the queue a transfer placed it in.
/// DisconnectReason is not a member of the model's Contact: it is the contact record's field of that name (its
/// values CUSTOMER_DISCONNECT, AGENT_DISCONNECT, CONTACT_FLOW_DISCONNECT, API, EXPIRED), which the SDKs do not read
/// from this response; it is kept for tests that read the raw JSON.
/// </summary>
internal static class DescribeContact
{
    public static Ok<DescribeContactResponse> Handle(DescribeContactRequest request, ChatService chats, TimeProvider time, IOptions<ConnectOptions> options)
    {
        var contact = chats.ViewContact(request.InstanceId, request.ContactId);
        var now = time.GetUtcNow();
        var id = contact.ContactId.ToString();
        return TypedResults.Ok(new DescribeContactResponse(new ContactDescription(
            options.Value.ContactArn(contact.Request.InstanceId, id),
            id,
            id,
            "API",
            "CHAT",
            contact.InitiatedAt,
            contact.EndedAt(now),
            contact.LastUpdatedAt,
            contact.ContinuedFromContactId ?? contact.Request.RelatedContactId,
            contact.Request.CustomerId,
            contact.Request.SegmentAttributes?.ToDictionary(
                a => a.Key, a => (SegmentAttributeValue?)SegmentAttributeValue.FromDomain(a.Value), StringComparer.Ordinal),
            contact.Attributes,
            contact.DisconnectReason(now),
            contact.Agent is { } agent ? new AgentInfo(agent.AgentId, agent.ConnectedAt) : null,
            contact.Queue is { } queue ? new QueueInfo(queue.QueueId, queue.EnqueuedAt) : null)));
    }
}
