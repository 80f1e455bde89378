using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConnectMock.Contacts;
using ConnectMock.ControlPlane.Faults;
using ConnectMock.Instances;
using FluentValidation;

namespace ConnectMock.ControlPlane;

// What the control plane shows. Plain JSON in camelCase, the convention of emulator admin APIs (LocalStack,
// WireMock); only the "request" of a contact keeps AWS's member names, because it is what the client sent.

/// <summary>A contact in a list: no participant token.</summary>
internal sealed record ContactSummary(
    string ContactId,
    string ParticipantId,
    string InstanceId,
    string ContactFlowId,
    string? ClientToken,
    string State,
    DateTimeOffset InitiatedAt,
    DateTimeOffset ExpiresAt,
    string? ContinuedFromContactId)
{
    public static ContactSummary From(ChatContact contact, DateTimeOffset now) => new(
        contact.ContactId.ToString(),
        contact.ParticipantId.ToString(),
        contact.Request.InstanceId,
        contact.Request.ContactFlowId,
        contact.Request.ClientToken,
        StateName(contact.StateAt(now)),
        contact.InitiatedAt,
        contact.ExpiresAt,
        contact.ContinuedFromContactId);

    public static string StateName(ContactState state) => state == ContactState.Active ? "ACTIVE" : "ENDED";
}

/// <summary>One contact with everything the client sent and the secret it was given.</summary>
internal sealed record ContactDetail(
    string ContactId,
    string ParticipantId,
    string ParticipantToken,
    string InstanceId,
    string ContactFlowId,
    string? ClientToken,
    string State,
    DateTimeOffset InitiatedAt,
    DateTimeOffset ExpiresAt,
    int ChatDurationInMinutes,
    string? ContinuedFromContactId,
    JsonElement Request)
{
    public static ContactDetail From(ChatContact contact, DateTimeOffset now) => new(
        contact.ContactId.ToString(),
        contact.ParticipantId.ToString(),
        contact.ParticipantToken,
        contact.Request.InstanceId,
        contact.Request.ContactFlowId,
        contact.Request.ClientToken,
        ContactSummary.StateName(contact.StateAt(now)),
        contact.InitiatedAt,
        contact.ExpiresAt,
        (int)contact.Request.ChatDuration.TotalMinutes,
        contact.ContinuedFromContactId,
        JsonSerializer.SerializeToElement(contact.Request, RequestJson));

    // The request as the client sent it (the AWS member names), with client text shown as ClientText does.
    private static readonly JsonTypeInfo<ChatRequest> RequestJson = (JsonTypeInfo<ChatRequest>)
        ClientTextConverter.Around(ChatRequestJson.Default.Options).GetTypeInfo(typeof(ChatRequest));
}

internal sealed record ContactPage(IReadOnlyList<ContactSummary> Contacts, string? NextToken);

internal sealed record FaultView(
    string Id,
    string? Operation,
    string? InstanceId,
    string? Error,
    int? StatusCode,
    string? Message,
    DropConnection? DropConnection,
    int LatencyMs,
    double Probability,
    int? Remaining,
    int Fired)
{
    public static FaultView From(FaultRule rule) => new(
        rule.Id, rule.Operation, rule.InstanceId, rule.Error?.ErrorCode, rule.Error?.StatusCode, rule.Error?.Message,
        rule.Drop, rule.LatencyMs, rule.Probability, rule.Remaining, rule.Fired);
}

internal sealed record FaultList(IReadOnlyList<FaultView> Faults);

/// <summary>The body of <c>PUT /_connectmock/instances/{instanceId}</c>.</summary>
/// <param name="ContactFlowIds">The instance's flows; any flow is accepted when empty or left out.</param>
/// <param name="MaxConcurrentActiveChats">The quota of concurrent active chats; none when left out.</param>
internal sealed record InstanceSpec(IReadOnlyList<string>? ContactFlowIds = null, int? MaxConcurrentActiveChats = null)
{
    public static ValueTask<InstanceSpec> BindAsync(HttpContext http) =>
        ControlPlaneJson.ReadAsync(http, ControlPlaneJsonContext.Default.InstanceSpec, new InstanceSpec());
}

/// <summary>The body's part of the rules of a declared instance (<see cref="InstanceRules"/>); the id is the path's.</summary>
internal sealed class InstanceSpecValidator : AbstractValidator<InstanceSpec>
{
    public InstanceSpecValidator() => InstanceRules.FlowsAndQuota(
        this,
        i => i.ContactFlowIds, "contactFlowIds",
        i => i.MaxConcurrentActiveChats, "maxConcurrentActiveChats");
}

internal sealed record InstanceView(string Id, IReadOnlyList<string> ContactFlowIds, int? MaxConcurrentActiveChats, int ActiveChats)
{
    public static InstanceView From(InstanceResource instance, int activeChats) =>
        new(instance.Id, instance.ContactFlowIds, instance.MaxConcurrentActiveChats, activeChats);
}

internal sealed record InstanceList(bool Strict, IReadOnlyList<InstanceView> Instances);

internal sealed record ResetResult(int ContactsRemoved, int RequestsRemoved, int FaultsRemoved);
