using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ConnectMock.Connect;

// StopContact, DescribeContact, GetContactAttributes and UpdateContactAttributes: the Connect operations a chat
// backend calls on a contact after StartChatContact.

/// <summary>The body of <c>POST /contact/stop</c>.</summary>
internal sealed class StopContactRequest : IInstanceRequest
{
    /// <example>d88ac802-4fa8-4ddd-9e59-89ac2e378879</example>
    public string? ContactId { get; set; }

    /// <example>11111111-2222-3333-4444-555555555555</example>
    public string? InstanceId { get; set; }

    /// <summary>Only outbound campaign contacts may give a reason; a chat may not.</summary>
    public DisconnectReason? DisconnectReason { get; set; }

    public static ValueTask<StopContactRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ConnectJsonContext.Default.StopContactRequest);
}

internal sealed class DisconnectReason
{
    public string? Code { get; set; }
}

/// <summary>The body of <c>POST /contact/attributes</c>.</summary>
internal sealed class UpdateContactAttributesRequest : IInstanceRequest
{
    /// <example>d88ac802-4fa8-4ddd-9e59-89ac2e378879</example>
    public string? InitialContactId { get; set; }

    /// <example>11111111-2222-3333-4444-555555555555</example>
    public string? InstanceId { get; set; }

    /// <summary>Attributes to add or replace; the others stay.</summary>
    public Dictionary<string, string?>? Attributes { get; set; }

    public static ValueTask<UpdateContactAttributesRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ConnectJsonContext.Default.UpdateContactAttributesRequest);
}

/// <summary>The labels of <c>GET /contacts/{InstanceId}/{ContactId}</c> and <c>GET /contact/attributes/{InstanceId}/{InitialContactId}</c>.</summary>
internal sealed record ContactLabels(string InstanceId, string ContactId)
{
    public static ValueTask<ContactLabels> BindAsync(HttpContext context)
    {
        var labels = new ContactLabels(
            AwsLabels.Get(context, "InstanceId"),
            AwsLabels.Get(context, context.Request.RouteValues.ContainsKey("ContactId") ? "ContactId" : "InitialContactId"));
        if (AwsCallInfo.Of(context) is { } call)
        {
            call.InstanceId = AwsCallInfo.Clip(labels.InstanceId, AwsCallInfo.MaxInstanceIdLength);
        }

        return ValueTask.FromResult(labels);
    }
}

internal sealed record EmptyResponse;

internal sealed record ContactAttributesResponse(IReadOnlyDictionary<string, string> Attributes);

internal sealed record DescribeContactResponse(ContactDescription Contact);

/// <summary>The members of DescribeContact's Contact that a chat has.</summary>
internal sealed record ContactDescription(
    string Arn,
    string Id,
    string InitialContactId,
    string? PreviousContactId,
    string InitiationMethod,
    string Channel,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(EpochSecondsConverter))] DateTimeOffset InitiationTimestamp,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(EpochSecondsConverter))] DateTimeOffset? DisconnectTimestamp,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(EpochSecondsConverter))] DateTimeOffset LastUpdateTimestamp,
    string? RelatedContactId,
    string? CustomerId,
    Dictionary<string, SegmentAttributeValue?>? SegmentAttributes,
    IReadOnlyDictionary<string, string> Attributes,
    string? DisconnectReason);

internal static class ContactOperations
{
    public static Ok<EmptyResponse> StopContact(StopContactRequest request, ChatService chats)
    {
        chats.StopContact(request.InstanceId!, request.ContactId!);
        return TypedResults.Ok(new EmptyResponse());
    }

    public static Ok<DescribeContactResponse> DescribeContact(ContactLabels labels, ChatService chats, TimeProvider time, IOptions<ConnectOptions> options)
    {
        var contact = chats.ViewContact(labels.InstanceId, labels.ContactId);
        var now = time.GetUtcNow();
        var id = contact.ContactId.ToString();
        return TypedResults.Ok(new DescribeContactResponse(new ContactDescription(
            options.Value.ContactArn(contact.Request.InstanceId, id),
            id,
            id,
            contact.ContinuedFromContactId,
            "API",
            "CHAT",
            contact.InitiatedAt,
            contact.EndedAt(now),
            contact.LastUpdatedAt,
            contact.Request.RelatedContactId,
            contact.Request.CustomerId,
            contact.Request.SegmentAttributes?.ToDictionary(
                a => a.Key, a => (SegmentAttributeValue?)SegmentAttributeValue.FromDomain(a.Value), StringComparer.Ordinal),
            contact.Attributes,
            contact.DisconnectReason(now))));
    }

    public static Ok<ContactAttributesResponse> GetContactAttributes(ContactLabels labels, ChatService chats) =>
        TypedResults.Ok(new ContactAttributesResponse(chats.ViewContact(labels.InstanceId, labels.ContactId).Attributes));

    public static Ok<EmptyResponse> UpdateContactAttributes(UpdateContactAttributesRequest request, ChatService chats)
    {
        chats.UpdateAttributes(
            request.InstanceId!,
            request.InitialContactId!,
            request.Attributes!.ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal),
            StartChatContactRequestValidator.AttributesMaxUtf8Bytes);
        return TypedResults.Ok(new EmptyResponse());
    }
}

internal sealed class StopContactRequestValidator : AbstractValidator<StopContactRequest>
{
    public StopContactRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.ContactId).Required().HasLength(AwsMemberLimits.ContactId);
        RuleFor(r => r.InstanceId).Required().HasLength(AwsMemberLimits.InstanceId);
        RuleFor(r => r.DisconnectReason)
            .Null()
            .WithErrorCode(AwsErrors.InvalidRequestName)
            .WithMessage("DisconnectReason is supported only for outbound campaign contacts, not for chats.");
    }
}

internal sealed class ContactLabelsValidator : AbstractValidator<ContactLabels>
{
    public ContactLabelsValidator()
    {
        RuleFor(r => r.InstanceId).HasLength(AwsMemberLimits.InstanceId);
        RuleFor(r => r.ContactId).HasLength(AwsMemberLimits.ContactId);
    }
}

internal sealed class UpdateContactAttributesRequestValidator : AbstractValidator<UpdateContactAttributesRequest>
{
    public UpdateContactAttributesRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.InitialContactId).Required().HasLength(AwsMemberLimits.ContactId);
        RuleFor(r => r.InstanceId).Required().HasLength(AwsMemberLimits.InstanceId);
        RuleFor(r => r.Attributes).Required().ContactAttributes();
    }
}
