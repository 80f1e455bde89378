using ConnectMock.Aws;
using ConnectMock.Instances;

namespace ConnectMock.Contacts;

/// <summary>Starts chats: the domain behind StartChatContact, including idempotency by ClientToken.</summary>
internal sealed partial class ChatService(
    IContactStore store, InstanceRegistry resources, ChatSessions chats, TimeProvider time, ILogger<ChatService> log)
{
    public const string QuotaExceededMessage = "The quota for concurrent active chats has been exceeded.";
    public const string ContactNotFoundMessage = "Contact not found.";

    public const string EntirePastSession = "ENTIRE_PAST_SESSION";
    public const string FromSegment = "FROM_SEGMENT";
    public static readonly IReadOnlyList<string> RehydrationTypes = [EntirePastSession, FromSegment];

    public ChatContact StartChat(ChatRequest request)
    {
        var maxActiveChats = resources.CheckChatStart(request.InstanceId, request.ContactFlowId);
        var now = time.GetUtcNow();
        var source = request.PersistentChat is { } persistent
            ? RehydrationSource(request.InstanceId, persistent.RehydrationType, persistent.SourceContactId, now)
            : null;
        var result = store.AddOrGetExisting(request.InstanceId, request.ClientToken, now, maxActiveChats, () =>
        {
            var (contactId, participantId) = (SecureRandom.NewGuid(), SecureRandom.NewGuid());
            return new ChatContact(
                contactId,
                participantId,
                ChatTokens.ParticipantSecret.New(),
                request,
                now,
                source?.ContactId.ToString());
        });

        switch (result.Outcome)
        {
            case StartOutcome.QuotaExceeded:
                throw AwsErrors.LimitExceeded(QuotaExceededMessage);
            case StartOutcome.Replayed when !result.Contact!.Request.HasSameParametersAs(request):
                // The sibling start-contact operations document that a reused token returns the existing contact;
                // a caller that changed the parameters has a bug worth a warning, not a failure.
                LogTokenReusedWithDifferentParameters(request.ClientToken!, request.InstanceId, result.Contact.ContactId);
                break;
            case StartOutcome.Created when source is not null:
                chats.Rehydrate(result.Contact!.ContactId, source);
                break;
            default:
                break;
        }

        return result.Contact!;
    }

    /// <summary>
    /// CreatePersistentContactAssociation: the active chat <paramref name="initialContactId"/> continues a past one
    /// from now on; returns the contact it continues. A repeat with the ClientToken that did it returns the same.
    /// </summary>
    public string AssociatePersistentContact(
        string instanceId, string initialContactId, string rehydrationType, string sourceContactId, string? clientToken)
    {
        var contact = FindContact(instanceId, initialContactId);
        if (clientToken is not null && contact.AssociationClientToken == clientToken)
        {
            return contact.ContinuedFromContactId!;
        }

        var now = time.GetUtcNow();
        ChatSessions.CheckCanContinue(contact, now);
        var source = RehydrationSource(instanceId, rehydrationType, sourceContactId, now);
        return chats.Associate(contact.ContactId, source, clientToken).ContinuedFromContactId!;
    }

    /// <summary>
    /// The contact a persistent chat continues. ENTIRE_PAST_SESSION names a past session by its initial contact and
    /// continues its most recently ended contact; FROM_SEGMENT continues exactly the contact named. ConnectMock has no
    /// transfers, so every contact is the initial and only contact of its session and both resolve to the contact
    /// named. It must be a contact of the instance (ResourceNotFoundException otherwise, as for any contact id this
    /// API does not know) and ended: "Only chat sessions that have ended are allowed to rehydrate onto a new chat
    /// session" (InvalidRequestException, the model's error for a request that is valid in form but not now).
    /// </summary>
    private ChatContact RehydrationSource(string instanceId, string rehydrationType, string sourceContactId, DateTimeOffset now)
    {
        var named = Lookup(instanceId, sourceContactId)
            ?? throw AwsErrors.ResourceNotFound("SourceContactId does not name a contact of this instance.");
        var source = rehydrationType == EntirePastSession ? MostRecentlyEndedOfSession(named) : named;
        return source.StateAt(now) == ContactState.Ended
            ? source
            : throw AwsErrors.Of(AwsErrors.InvalidRequestName,
                $"Contact {source.ContactId} is still active. Only chat sessions that have ended are allowed to rehydrate onto a new chat session: end it first (StopContact).");
    }

    // A session is its initial contact and the contacts transfers made from it; without transfers, the contact itself.
    private static ChatContact MostRecentlyEndedOfSession(ChatContact initialContact) => initialContact;

    /// <summary>
    /// A stored contact of the instance (DescribeContact, GetContactAttributes); ResourceNotFoundException otherwise,
    /// as DescribeContact answers.
    /// </summary>
    public ChatContact ViewContact(string instanceId, string contactId) => FindContact(instanceId, contactId);

    /// <summary>CreateParticipant: a custom bot added to a chat of the instance (<see cref="ChatSessions.AddCustomBot"/>).</summary>
    public ChatSessions.AddedParticipant CreateParticipant(string instanceId, string contactId, string displayName, string? clientToken) =>
        chats.AddCustomBot(FindContact(instanceId, contactId), displayName, clientToken);

    private ChatContact FindContact(string instanceId, string contactId) =>
        Lookup(instanceId, contactId) ?? throw AwsErrors.ResourceNotFound(ContactNotFoundMessage);

    /// <summary>
    /// Ends a chat (StopContact). Chats can be stopped in any state. An unknown one is ResourceNotFoundException:
    /// the model's ContactNotFoundException "applies to voice calls only, not to chat or task contacts".
    /// </summary>
    public void StopContact(string instanceId, string contactId) => chats.End(FindContact(instanceId, contactId).ContactId, "API");

    /// <summary>
    /// Merges attributes into a contact's (UpdateContactAttributes), unless the merged map would exceed
    /// <paramref name="maxTotalUtf8Bytes"/> (the documented limit, which the Connect validator owns).
    /// </summary>
    public void UpdateAttributes(string instanceId, string initialContactId, IReadOnlyDictionary<string, string> changes, long maxTotalUtf8Bytes)
    {
        var contactId = FindContact(instanceId, initialContactId).ContactId;
        var now = time.GetUtcNow();
        _ = store.Change(contactId, contact =>
        {
            var merged = new Dictionary<string, string>(contact.Attributes, StringComparer.Ordinal);
            foreach (var (key, value) in changes)
            {
                merged[key] = value;
            }

            var total = Aws.Validation.ConstraintText.Utf8Bytes(merged.Select(a => KeyValuePair.Create(a.Key, (string?)a.Value)));
            return total <= maxTotalUtf8Bytes
                ? new ContactEdit(contact.WithAttributes(merged, now), [])
                : throw AwsErrors.InvalidParameter(
                    $"The contact's attributes would total {total} UTF-8 bytes; at most {maxTotalUtf8Bytes} are allowed per contact.");
        }) ?? throw AwsErrors.ResourceNotFound(ContactNotFoundMessage);
    }

    /// <summary>
    /// UpdateParticipantRoleConfig: merges timer changes into the contact's stored participant timers (a duration sets
    /// a timer, Unset deletes it, timers not named stay). Only an active contact takes them (InvalidRequestException
    /// otherwise). They apply from the next agent who joins (<see cref="ChatTimers"/>).
    /// </summary>
    public void UpdateParticipantTimers(string instanceId, string contactId, IReadOnlyList<ParticipantTimerChange> changes)
    {
        var id = FindContact(instanceId, contactId).ContactId;
        var now = time.GetUtcNow();
        _ = store.Change(id, contact => contact.StateAt(now) == ContactState.Ended
            ? throw AwsErrors.Of(AwsErrors.InvalidRequestName, $"Contact {contact.ContactId} has ended; participant timers can be set on an active chat only.")
            : new ContactEdit(contact.WithParticipantTimers(contact.ParticipantTimers.With(changes), now), []))
            ?? throw AwsErrors.ResourceNotFound(ContactNotFoundMessage);
    }

    private ChatContact? Lookup(string instanceId, string contactId)
    {
        resources.CheckInstance(instanceId);
        return ContactIds.TryParse(contactId, out var id) && store.Find(id) is { } contact && contact.Request.InstanceId == instanceId
            ? contact
            : null;
    }
    [LoggerMessage(Level = LogLevel.Warning,
        Message = "ClientToken {ClientToken} of instance {InstanceId} was reused with different parameters; returning contact {ContactId} that it started")]
    private partial void LogTokenReusedWithDifferentParameters(string clientToken, string instanceId, Guid contactId);
}
