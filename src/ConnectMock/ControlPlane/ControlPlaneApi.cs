using System.Globalization;
using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using ConnectMock.Contacts.Attachments;
using ConnectMock.Contacts.Time;
using ConnectMock.ControlPlane.Faults;
using ConnectMock.Instances;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectMock.ControlPlane;

/// <summary>
/// The control plane for tests, under a prefix no AWS path uses: inspect contacts and calls, reset state, inject
/// faults, declare resources. Plain JSON in and out, never AWS error shapes.
/// </summary>
internal static class ControlPlaneApi
{
    public const string Prefix = "/_connectmock";
    public const string DocumentName = "control-plane";

    public static bool Owns(PathString path) => path.StartsWithSegments(Prefix);

    public static RouteGroupBuilder MapControlPlaneApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Prefix)
            .WithTags("ConnectMock control plane")
            .WithGroupName(DocumentName)
            .WithValidation((_, failures) => ControlPlaneException.BadRequest(string.Join(" ", failures.Select(f => f.ErrorMessage))))
            .ProducesControlPlaneErrors();

        group.MapGet("/contacts", ListContacts).WithName("ListContacts")
            .WithSummary("Stored contacts, newest first, filtered and paged (nextToken).");
        group.MapGet("/contacts/{contactId}", GetContact).WithName("GetContact")
            .WithSummary("One contact: every member that was sent, its state, timestamps and participant token.");
        group.MapGet("/store", StoreUsage).WithName("GetStoreUsage")
            .WithSummary("What the contact store holds against its bounds (contacts, estimated bytes); beyond them the oldest contacts are evicted.");
        group.MapGet("/requests", ListRequests).WithName("ListRequests")
            .WithSummary("The latest calls to the AWS operations, newest first, filtered and paged (nextToken); bodies with includeBodies=true.");
        group.MapDelete("/requests", ClearRequests).WithName("ClearRequests")
            .WithSummary("Empties the request journal.");
        group.MapPost("/reset", Reset).WithName("Reset")
            .WithSummary("Clears contacts (and their attachments), the journal and faults, and puts the attachment scanner back to its configuration; with instanceId, only that instance's contacts, calls and faults.");
        group.MapGet("/faults", ListFaults).WithName("ListFaults")
            .WithSummary("The injected faults, with how often each has fired.");
        group.MapPost("/faults", AddFault).WithName("AddFault")
            .WithSummary("Makes matching AWS calls fail, drop the connection, or wait.")
            .DocumentsJsonBody<FaultSpec>(FaultExamples);
        group.MapDelete("/faults", ClearFaults).WithName("ClearFaults")
            .WithSummary("Removes every injected fault.");
        group.MapDelete("/faults/{faultId}", RemoveFault).WithName("RemoveFault")
            .WithSummary("Removes one injected fault.");
        group.MapGet("/instances", ListInstances).WithName("ListInstances")
            .WithSummary("Declared instances; once one is declared, unknown instances and flows get ResourceNotFoundException.");
        group.MapPut("/instances/{instanceId}", PutInstance).WithName("PutInstance")
            .WithSummary("Declares an instance, its flows and its quota of concurrent active chats.")
            .DocumentsJsonBody<InstanceSpec>(new Dictionary<string, object>
            {
                ["instance"] = new InstanceSpec(["aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"], 10),
            });
        group.MapDelete("/instances/{instanceId}", RemoveInstance).WithName("RemoveInstance")
            .WithSummary("Forgets a declared instance.");
        group.MapAgentEndpoints();
        group.MapAttachmentEndpoints();
        group.MapBotEndpoints();
        group.MapClockEndpoints();
        group.MapFallback(http => throw ControlPlaneException.NotFound(
            $"The control plane has no {http.Request.Method} {http.Request.Path}."));
        return group;
    }

    private static readonly Dictionary<string, object> FaultExamples = new()
    {
        ["throttle the next call"] = new FaultSpec(Operation: "StartChatContact", Error: "ThrottlingException", Count: 1),
        ["drop the connection after the contact is created"] = new FaultSpec(
            Operation: "StartChatContact", DropConnection: DropConnection.AfterProcessing, Count: 1),
        ["fail half the calls of one instance"] = new FaultSpec(
            InstanceId: "11111111-2222-3333-4444-555555555555", Error: "InternalServiceException", Probability: 0.5),
        ["add latency"] = new FaultSpec(LatencyMs: 250),
    };

    public static JsonHttpResult<ContactPage> ListContacts(
        IContactCatalog store, TimeProvider time, string? instanceId, string? clientToken, string? contactFlowId,
        string? maxResults, string? nextToken)
    {
        var limit = ControlPlaneInputs.PageSize(maxResults, nameof(maxResults));
        var query = new ContactQuery(
            ControlPlaneInputs.InstanceId(instanceId),
            ControlPlaneInputs.ClientToken(clientToken),
            ControlPlaneInputs.ContactFlowId(contactFlowId),
            ControlPlaneInputs.Cursor(nextToken),
            limit + 1); // One more than asked tells whether another page exists.

        var now = time.GetUtcNow();
        var page = store.Query(query, c => (c.Sequence, Summary: ContactSummary.From(c, now)));
        var shown = page.Take(limit).ToList();
        var next = page.Count > limit ? shown[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Json(new ContactPage([.. shown.Select(c => c.Summary)], next), ControlPlaneJsonContext.Default.ContactPage);
    }

    public static JsonHttpResult<ContactDetail> GetContact(IContactStore store, TimeProvider time, string contactId)
    {
        var contact = (ContactIdOf(contactId) is { } id ? store.Find(id) : null) ?? throw NoSuchContact(contactId);
        return TypedResults.Json(ContactDetail.From(contact, time.GetUtcNow()), ControlPlaneJsonContext.Default.ContactDetail);
    }

    // A page of the journal: maxResults (or its older name, limit) entries, 100 by default and 1000 at most; a page
    // with bodies also ends at JournalOptions.MaxPageBytes.
    public static IResult ListRequests(
        RequestJournal journal, AwsOperationNames operations, string? operation, string? instanceId, string? clientToken,
        string? requestId, string? maxResults, string? limit, string? nextToken, string? includeBodies)
    {
        operation = ControlPlaneInputs.Operation(operation, operations);
        instanceId = ControlPlaneInputs.InstanceId(instanceId);
        clientToken = ControlPlaneInputs.ClientToken(clientToken);
        requestId = ControlPlaneInputs.RequestId(requestId);
        var size = limit is not null && maxResults is null
            ? ControlPlaneInputs.PageSize(limit, nameof(limit))
            : ControlPlaneInputs.PageSize(maxResults, nameof(maxResults));
        return new JournalResponse(
            journal,
            e => (operation is null || e.Operation == operation)
                && (instanceId is null || e.InstanceId == instanceId)
                && (clientToken is null || e.ClientToken == clientToken)
                && (requestId is null || string.Equals(e.RequestId, requestId, StringComparison.OrdinalIgnoreCase)),
            ControlPlaneInputs.Cursor(nextToken),
            size,
            ControlPlaneInputs.Flag(includeBodies, nameof(includeBodies)));
    }

    public static NoContent ClearRequests(RequestJournal journal)
    {
        journal.Remove();
        return TypedResults.NoContent();
    }

    public static JsonHttpResult<ContactStoreUsage> StoreUsage(IContactCatalog store) =>
        TypedResults.Json(store.Usage, ControlPlaneJsonContext.Default.ContactStoreUsage);

    public static JsonHttpResult<ResetResult> Reset(
        IContactCatalog store,
        RequestJournal journal,
        FaultInjector faults,
        AttachmentScanner scanner,
        BotTemplates botTemplates,
        ConnectMockClock clock,
        string? instanceId)
    {
        instanceId = ControlPlaneInputs.InstanceId(instanceId);
        ResetResult result;
        if (instanceId is null)
        {
            var contacts = store.Count;
            store.Clear(); // attachments go with their contacts
            scanner.Reset();
            botTemplates.Reset();
            clock.ReturnToRealTime();
            result = new ResetResult(contacts, journal.Remove(), faults.Remove());
        }
        else
        {
            result = new ResetResult(
                store.RemoveInstance(instanceId),
                journal.Remove(e => e.InstanceId == instanceId),
                faults.Remove(f => f.InstanceId == instanceId));
        }

        return TypedResults.Json(result, ControlPlaneJsonContext.Default.ResetResult);
    }

    public static JsonHttpResult<FaultList> ListFaults(FaultInjector faults) =>
        TypedResults.Json(new FaultList([.. faults.Rules.Select(FaultView.From)]), ControlPlaneJsonContext.Default.FaultList);

    public static JsonHttpResult<FaultView> AddFault(FaultSpec fault, FaultInjector faults)
    {
        var rule = fault.ToRule();
        if (!faults.Add(rule))
        {
            throw ControlPlaneException.BadRequest($"{FaultInjector.MaxRules} faults are set already: remove some first.");
        }

        return TypedResults.Json(FaultView.From(rule), ControlPlaneJsonContext.Default.FaultView, statusCode: StatusCodes.Status201Created);
    }

    public static NoContent ClearFaults(FaultInjector faults)
    {
        faults.Remove();
        return TypedResults.NoContent();
    }

    public static NoContent RemoveFault(FaultInjector faults, string faultId) =>
        faultId.Length > FaultSpec.IdLength
            ? throw ControlPlaneException.BadRequest($"faultId must be the {FaultSpec.IdLength}-character id that POST /faults returned.")
            : faults.Remove(f => f.Id == faultId) > 0
            ? TypedResults.NoContent()
            : throw ControlPlaneException.NotFound($"No fault has the id '{faultId}'.");

    public static JsonHttpResult<InstanceList> ListInstances(InstanceRegistry resources, IContactStore store, TimeProvider time) =>
        TypedResults.Json(
            new InstanceList(resources.IsStrict, [.. resources.Instances.Select(i => InstanceView.From(i, ActiveChats(store, time, i.Id)))]),
            ControlPlaneJsonContext.Default.InstanceList);

    public static JsonHttpResult<InstanceView> PutInstance(
        InstanceRegistry resources, IContactStore store, TimeProvider time, string instanceId, InstanceSpec instance)
    {
        instanceId = ControlPlaneInputs.InstanceId(instanceId)!;
        var resource = new InstanceResource
        {
            Id = instanceId,
            ContactFlowIds = [.. instance.ContactFlowIds ?? []],
            MaxConcurrentActiveChats = instance.MaxConcurrentActiveChats,
        };
        if (!resources.Put(resource))
        {
            throw ControlPlaneException.BadRequest($"{InstanceRegistry.MaxInstances} instances are declared already: remove some first.");
        }

        return TypedResults.Json(InstanceView.From(resource, ActiveChats(store, time, instanceId)), ControlPlaneJsonContext.Default.InstanceView);
    }

    public static NoContent RemoveInstance(InstanceRegistry resources, string instanceId) =>
        resources.Remove(ControlPlaneInputs.InstanceId(instanceId)!)
            ? TypedResults.NoContent()
            : throw ControlPlaneException.NotFound($"No instance '{instanceId}' is declared.");

    private static int ActiveChats(IContactStore store, TimeProvider time, string instanceId) => store.ActiveChats(instanceId, time.GetUtcNow());

    /// <summary>A stored contact by its id, to act on (<see cref="IContactStore.Find"/>), or a plain 404.</summary>
    public static ChatContact FindContact(IContactStore store, string contactId) =>
        (ContactIdOf(contactId) is { } id ? store.Find(id) : null) ?? throw NoSuchContact(contactId);

    /// <summary>The contact id of a path, checked as Connect's ContactId; null when it is no id ConnectMock makes.</summary>
    private static Guid? ContactIdOf(string contactId) =>
        ContactIds.TryParse(ControlPlaneInputs.Id(contactId, nameof(contactId), AwsMemberLimits.ContactId, "ContactId")!, out var id) ? id : null;

    private static ControlPlaneException NoSuchContact(string contactId) =>
        ControlPlaneException.NotFound($"No stored contact has the id '{contactId}'.");

    private static RouteGroupBuilder ProducesControlPlaneErrors(this RouteGroupBuilder group) =>
        group.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(ControlPlaneError), ["application/json"]));
}
