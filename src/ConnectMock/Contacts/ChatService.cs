using ConnectMock.Aws;
using ConnectMock.Resources;

namespace ConnectMock.Contacts;

/// <summary>Starts chats: the domain behind StartChatContact, including idempotency by ClientToken.</summary>
public sealed partial class ChatService(IContactStore store, ResourceRegistry resources, TimeProvider time, ILogger<ChatService> log)
{
    public const string QuotaExceededMessage = "The quota for concurrent active chats has been exceeded.";

    public ChatContact StartChat(ChatRequest request)
    {
        var maxActiveChats = resources.CheckChatStart(request.InstanceId, request.ContactFlowId);
        var now = time.GetUtcNow();
        var result = store.AddOrGetExisting(request.InstanceId, request.ClientToken, now, maxActiveChats, () => new ChatContact(
            Guid.NewGuid(),
            Guid.NewGuid(),
            ParticipantTokens.Next(),
            request,
            now,
            ContinuedFrom(request)));

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

    // Without a record of past sessions' transfers, the source contact is the one a persistent chat continues.
    private static string? ContinuedFrom(ChatRequest request) => request.PersistentChat?.SourceContactId;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "ClientToken {ClientToken} of instance {InstanceId} was reused with different parameters; returning contact {ContactId} that it started")]
    private partial void LogTokenReusedWithDifferentParameters(string clientToken, string instanceId, Guid contactId);
}
