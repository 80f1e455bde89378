using System.Collections.Concurrent;
using ConnectMock.Aws;
using ConnectMock.Contacts.Time;
using Microsoft.Extensions.Options;

namespace ConnectMock.Contacts.Attachments;

/// <summary>
/// Files in a chat, as the Participant Service handles them: a participant starts an upload, sends the bytes to the
/// upload URL, completes it, and then an <c>ATTACHMENT</c> item reaches the chat (after the simulated scanner's
/// verdict when scanning is on); a participant of the same chat downloads it. The simulated agent sends files the same
/// way through the control plane.
/// </summary>
internal sealed partial class ChatAttachments(
    AttachmentStore store,
    ChatSessions chats,
    AttachmentScanner scanner,
    ClockSource pacing,
    IOptions<AttachmentOptions> options,
    ILogger<ChatAttachments> log)
{
    public const string QuotaMessage = "The number of attachments per contact exceeds the quota.";

    private readonly AttachmentOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, ITimer> _scans = new(StringComparer.Ordinal);

    public AttachmentStore Store => store;

    public AttachmentOptions Options => _options;

    /// <summary>StartAttachmentUpload: a new attachment awaiting its bytes, or the one an earlier call with this ClientToken made.</summary>
    public Attachment Start(string connectionToken, string contentType, long size, string name, string clientToken)
    {
        var (contact, member) = chats.Authenticate(connectionToken);
        DenyCustomBot(member);
        CheckFile(contentType, size, name);
        return Add(contact.ContactId, member, contentType, size, name, clientToken);
    }

    /// <summary>Keeps the bytes sent to an attachment's upload URL; false when the attachment went meanwhile.</summary>
    public bool Upload(string attachmentId, byte[] bytes, AttachmentStore.Reservation reservation) =>
        store.StoreBytes(attachmentId, bytes, reservation);

    /// <summary>CompleteAttachmentUpload: the file joins the chat (now, or once scanned).</summary>
    public void Complete(string connectionToken, string attachmentId, string? clientToken)
    {
        var (contact, member) = chats.Authenticate(connectionToken);
        var attachment = store.Find(attachmentId);
        if (attachment is null || attachment.ContactId != contact.ContactId)
        {
            throw AwsErrors.Of(AwsErrors.ValidationName,
                $"AttachmentIds: no attachment '{attachmentId}' was started in this chat (or it was evicted beyond ConnectMock:Attachments:MaxBytes).");
        }

        if (attachment.ParticipantId != member.Id)
        {
            throw AwsErrors.Of(AwsErrors.AccessDeniedName, "Only the participant who started an attachment's upload can complete it.");
        }

        Finish(contact.ContactId, member, attachmentId, clientToken);
    }

    /// <summary>
    /// "A custom participant is not permitted to access attachments", and the guide's troubleshooting tips name the
    /// answer: AccessDeniedException.
    /// </summary>
    private static void DenyCustomBot(ChatMember member)
    {
        if (member.Role == ParticipantRoles.CustomBot)
        {
            throw AwsErrors.Of(AwsErrors.AccessDeniedName, "A participant of role CUSTOM_BOT is not permitted to access attachments.");
        }
    }

    /// <summary>GetAttachment: a completed, approved attachment of the caller's chat.</summary>
    public Attachment Get(string connectionToken, string attachmentId)
    {
        var (contact, member) = chats.Authenticate(connectionToken);
        DenyCustomBot(member);
        var attachment = store.Find(attachmentId);
        if (attachment is null || attachment.ContactId != contact.ContactId)
        {
            throw AwsErrors.Of(AwsErrors.AccessDeniedName, ChatSessions.AccessDeniedMessage);
        }

        return attachment switch
        {
            { Phase: not AttachmentPhase.Completed } => throw AwsErrors.Of(AwsErrors.ValidationName,
                $"AttachmentId: attachment '{attachmentId}' was not completed: call CompleteAttachmentUpload after its upload."),
            { Status: ArtifactStatus.InProgress } => throw AwsErrors.Of(AwsErrors.ValidationName,
                $"AttachmentId: attachment '{attachmentId}' is being scanned; it can be downloaded once approved."),
            { Status: ArtifactStatus.Rejected } => throw AwsErrors.Of(AwsErrors.ValidationName,
                $"AttachmentId: attachment '{attachmentId}' was rejected by the attachment scanner and cannot be downloaded."),
            _ => attachment,
        };
    }

    /// <summary>The bytes a download URL serves: those of a completed, approved attachment.</summary>
    public (Attachment Attachment, byte[] Bytes)? Downloadable(string attachmentId) =>
        store.Find(attachmentId) is { Phase: AttachmentPhase.Completed, Status: ArtifactStatus.Approved } attachment
        && store.Bytes(attachmentId) is { } bytes
            ? (attachment, bytes)
            : null;

    /// <summary>A participant of the chat sends a whole file at once (the simulated agent, through the control plane).</summary>
    public Attachment Send(ChatContact contact, ChatMember member, string name, string contentType, byte[] bytes)
    {
        CheckFile(contentType, bytes.Length, name);
        var attachment = Add(contact.ContactId, member, contentType, bytes.Length, name, clientToken: null);
        if (!store.TryReserve(bytes.Length, out var reservation))
        {
            throw AwsErrors.Of(AwsErrors.ThrottlingName, "Uploads in flight take the whole attachment budget (ConnectMock:Attachments:MaxBytes); try again.");
        }

        using (reservation)
        {
            store.StoreBytes(attachment.AttachmentId, bytes, reservation);
        }

        Finish(contact.ContactId, member, attachment.AttachmentId, clientToken: null);
        return store.Find(attachment.AttachmentId) ?? attachment;
    }

    /// <summary>A time as an attachment URL's X-Amz-Date carries it: whole seconds, UTC.</summary>
    public static DateTimeOffset WholeSeconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private Attachment Add(Guid contactId, ChatMember member, string contentType, long size, string name, string? clientToken)
    {
        // Whole seconds, as the upload URL's X-Amz-Date has them, so that its expiry is the one UrlExpiry shows.
        var now = WholeSeconds(chats.Time.GetUtcNow());
        var (attachment, _) = store.AddOrGetExisting(contactId, member.Id, clientToken, _options.MaxPerContact, () =>
            new Attachment(SecureRandom.NewGuid().ToString(), contactId, member.Id, name, contentType, size, now, now + _options.UploadUrlLifetime)
            {
                ClientToken = clientToken,
            });
        return attachment ?? throw AwsErrors.Of(AwsErrors.ServiceQuotaExceededName,
            $"{QuotaMessage} This contact has started {_options.MaxPerContact} (ConnectMock:Attachments:MaxPerContact).");
    }

    private void CheckFile(string contentType, long size, string name)
    {
        if (!AttachmentFileTypes.Allows(contentType))
        {
            throw AwsErrors.Of(AwsErrors.ValidationName,
                $"ContentType '{contentType}' is not a file type Amazon Connect accepts in a chat; it accepts {string.Join(", ", AttachmentFileTypes.ExtensionsByType.Keys)}.");
        }

        if (!AttachmentFileTypes.AllowsName(name))
        {
            throw AwsErrors.Of(AwsErrors.ValidationName,
                $"AttachmentName '{name}' does not end in an extension Amazon Connect accepts in a chat: {string.Join(" ", AttachmentFileTypes.Extensions)}.");
        }

        if (size > _options.MaxFileBytes)
        {
            throw AwsErrors.Of(AwsErrors.ValidationName,
                $"AttachmentSizeInBytes {size} is over the {_options.MaxFileBytes} bytes a chat attachment may have (ConnectMock:Attachments:MaxFileBytes).");
        }
    }

    private void Finish(Guid contactId, ChatMember member, string attachmentId, string? clientToken)
    {
        var scanning = scanner.Enabled;
        var repeated = false;
        var completed = store.Change(attachmentId, current =>
        {
            switch (current.Phase)
            {
                case AttachmentPhase.AwaitingUpload:
                    throw AwsErrors.Of(AwsErrors.ValidationName,
                        $"AttachmentIds: the file of attachment '{attachmentId}' was not uploaded: PUT it to the UploadMetadata.Url of StartAttachmentUpload, with its HeadersToInclude, first.");
                case AttachmentPhase.Completed when clientToken is not null && current.CompletedWith == clientToken:
                    repeated = true;
                    return null;
                case AttachmentPhase.Completed:
                    throw AwsErrors.Of(AwsErrors.ConflictName, current.Status == ArtifactStatus.InProgress
                        ? $"Attachment '{attachmentId}' is already being completed."
                        : $"Attachment '{attachmentId}' was completed already.");
                default:
                    return current with
                    {
                        Phase = AttachmentPhase.Completed,
                        Status = scanning ? ArtifactStatus.InProgress : ArtifactStatus.Approved,
                        CompletedWith = clientToken,
                    };
            }
        }) ?? throw AwsErrors.Of(AwsErrors.ValidationName, $"AttachmentIds: attachment '{attachmentId}' was evicted beyond ConnectMock:Attachments:MaxBytes.");

        if (repeated)
        {
            return;
        }

        if (!scanning)
        {
            PostItem(contactId, member, completed);
            return;
        }

        var timer = pacing.Time.CreateTimer(_ => Scanned(contactId, member, attachmentId), null, scanner.Delay, Timeout.InfiniteTimeSpan);
        _scans[attachmentId] = timer;
    }

    private void Scanned(Guid contactId, ChatMember member, string attachmentId)
    {
        if (_scans.TryRemove(attachmentId, out var timer))
        {
            timer.Dispose();
        }

        var bytes = store.Bytes(attachmentId);
        var scanned = store.Change(attachmentId, current => current.Status == ArtifactStatus.InProgress
            ? current with { Status = scanner.Verdict(current.AttachmentName, bytes) }
            : null);
        if (scanned is null)
        {
            return; // gone with its contact, or evicted
        }

        try
        {
            PostItem(contactId, member, scanned);
        }
        catch (AwsServiceException)
        {
            LogScannedAfterEnd(attachmentId, contactId);
        }
    }

    private void PostItem(Guid contactId, ChatMember member, Attachment attachment) =>
        chats.Post(contactId, new ChatItem(
            ChatSessions.NewItemId(), ChatEvents.Attachment, attachment.ContentType, null, chats.Time.GetUtcNow(), member.Info, null)
        {
            Attachments = [attachment.Info],
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Attachment {AttachmentId} was scanned after its chat {ContactId} ended; no item was posted")]
    private partial void LogScannedAfterEnd(string attachmentId, Guid contactId);
}
