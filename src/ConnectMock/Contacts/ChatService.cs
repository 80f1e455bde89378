using ConnectMock.Aws;
using ConnectMock.Instances;

namespace ConnectMock.Contacts;

/// <summary>Starts chats: the domain behind StartChatContact, including idempotency by ClientToken.</summary>
internal sealed partial class ChatService(
    IContactStore store, InstanceRegistry resources, ChatSessions chats, TimeProvider time, ILogger<ChatService> log)
{
    public const string QuotaExceededMessage = "The quota for concurrent active chats has been exceeded.";
    public const string ContactNotFoundMessage = "Contact not found.";

    public ChatContact StartChat(ChatRequest request)
    {
        var maxActiveChats = resources.CheckChatStart(request.InstanceId, request.ContactFlowId);
        var now = time.GetUtcNow();
        var result = store.AddOrGetExisting(request.InstanceId, request.ClientToken, now, maxActiveChats, () =>
        {
            var (contactId, participantId) = (SecureRandom.NewGuid(), SecureRandom.NewGuid());
            return new ChatContact(
                contactId,
                participantId,
                ChatTokens.ParticipantSecret.New(),
                request,
                now,
                ContinuedFrom(request));
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
            default:
                break;
        }

        return result.Contact!;
    }

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

    private ChatContact? Lookup(string instanceId, string contactId)
    {
        resources.CheckInstance(instanceId);
        return ContactIds.TryParse(contactId, out var id) && store.Find(id) is { } contact && contact.Request.InstanceId == instanceId
            ? contact
            : null;
    }
    // Without a record of past sessions' transfers, the source contact is the one a persistent chat continues.
    private static string? ContinuedFrom(ChatRequest request) => request.PersistentChat?.SourceContactId;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "ClientToken {ClientToken} of instance {InstanceId} was reused with different parameters; returning contact {ContactId} that it started")]
    private partial void LogTokenReusedWithDifferentParameters(string clientToken, string instanceId, Guid contactId);
}
