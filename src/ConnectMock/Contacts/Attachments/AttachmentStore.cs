using Microsoft.Extensions.Options;

namespace ConnectMock.Contacts.Attachments;

/// <summary>
/// Every chat's attachments, in memory: their records and their bytes, the bytes within
/// <see cref="AttachmentOptions.MaxBytes"/>. An upload reserves its size before a byte is read, and what does not fit
/// evicts the oldest attachments (record and bytes) first, so that memory stays within the budget whatever clients
/// send. Attachments go with their contact when the contact store forgets it. With a shared store
/// (<see cref="ISharedAttachments"/>, the Redis provider's), every step is its, within the same budget.
/// </summary>
internal sealed class AttachmentStore
{
    private readonly ISharedAttachments? _shared;
    private readonly Lock _gate = new();
    private readonly long _maxBytes;
    private readonly Dictionary<string, Attachment> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _bytes = new(StringComparer.Ordinal);
    private readonly Dictionary<(Guid ParticipantId, string ClientToken), string> _byClientToken = [];
    private readonly Dictionary<Guid, ContactAttachments> _byContact = [];

    // Oldest first; an id whose attachment has gone is skipped when it comes up.
    private readonly Queue<string> _age = new();
    private long _heldBytes;
    private long _reservedBytes;

    public AttachmentStore(IOptions<AttachmentOptions> options, IContactStore contacts, ISharedAttachments? shared = null)
    {
        _maxBytes = options.Value.MaxBytes;
        _shared = shared;
        contacts.Forgotten += Remove;
    }

    /// <summary>What the store holds: attachments, their bytes, and the budget.</summary>
    public (int Attachments, long Bytes, long MaxBytes) Usage
    {
        get
        {
            if (_shared is not null)
            {
                var (attachments, bytes) = _shared.Usage;
                return (attachments, bytes, _maxBytes);
            }

            lock (_gate)
            {
                return (_byId.Count, _heldBytes, _maxBytes);
            }
        }
    }

    /// <summary>
    /// Adds the attachment <paramref name="create"/> makes, or returns the one this participant's
    /// <paramref name="clientToken"/> made before; null when the contact has started <paramref name="maxPerContact"/>.
    /// </summary>
    public (Attachment? Attachment, bool Repeated) AddOrGetExisting(Guid contactId, Guid participantId, string? clientToken, int maxPerContact, Func<Attachment> create)
    {
        if (_shared is not null)
        {
            return _shared.AddOrGetExisting(contactId, participantId, clientToken, maxPerContact, create);
        }

        lock (_gate)
        {
            if (clientToken is not null && _byClientToken.TryGetValue((participantId, clientToken), out var id) && _byId.TryGetValue(id, out var earlier))
            {
                return (earlier, true);
            }

            var ofContact = _byContact.TryGetValue(contactId, out var existing) ? existing : _byContact[contactId] = new();
            if (ofContact.Started >= maxPerContact)
            {
                return (null, false);
            }

            var attachment = create();
            ofContact.Started++;
            ofContact.Ids.Add(attachment.AttachmentId);
            _byId[attachment.AttachmentId] = attachment;
            _age.Enqueue(attachment.AttachmentId);
            if (clientToken is not null)
            {
                _byClientToken[(participantId, clientToken)] = attachment.AttachmentId;
            }

            return (attachment, false);
        }
    }

    public Attachment? Find(string attachmentId)
    {
        if (_shared is not null)
        {
            return _shared.Find(attachmentId);
        }

        lock (_gate)
        {
            return _byId.GetValueOrDefault(attachmentId);
        }
    }

    /// <summary>The attachments of a contact, oldest first.</summary>
    public IReadOnlyList<Attachment> OfContact(Guid contactId)
    {
        if (_shared is not null)
        {
            return _shared.OfContact(contactId);
        }

        lock (_gate)
        {
            return _byContact.TryGetValue(contactId, out var ofContact)
                ? [.. ofContact.Ids.Select(id => _byId.GetValueOrDefault(id)).OfType<Attachment>()]
                : [];
        }
    }

    /// <summary>The bytes of an attachment, when they arrived and are still held.</summary>
    public byte[]? Bytes(string attachmentId)
    {
        if (_shared is not null)
        {
            return _shared.Bytes(attachmentId);
        }

        lock (_gate)
        {
            return _bytes.GetValueOrDefault(attachmentId);
        }
    }

    /// <summary>
    /// Makes room for <paramref name="size"/> bytes, evicting the oldest attachments, and holds it until the returned
    /// reservation is disposed or its bytes are stored; false when uploads in flight take the budget already.
    /// </summary>
    public bool TryReserve(long size, out Reservation reservation)
    {
        if (_shared is not null)
        {
            var reserved = _shared.TryReserve(size, _maxBytes);
            reservation = reserved ? new Reservation(this, size) : null!;
            return reserved;
        }

        lock (_gate)
        {
            while (_heldBytes + _reservedBytes + size > _maxBytes && _age.TryDequeue(out var oldest))
            {
                Evict(oldest);
            }

            if (_heldBytes + _reservedBytes + size > _maxBytes)
            {
                reservation = null!;
                return false;
            }

            _reservedBytes += size;
            reservation = new Reservation(this, size);
            return true;
        }
    }

    /// <summary>Keeps the bytes an upload brought (replacing earlier ones, as S3 replaces an object); false when the attachment went meanwhile.</summary>
    public bool StoreBytes(string attachmentId, byte[] bytes, Reservation reservation)
    {
        if (_shared is not null)
        {
            if (!_shared.StoreBytes(attachmentId, bytes, reservation.TakeOver() ? reservation.Size : 0))
            {
                return false;
            }

            _shared.Change(attachmentId, current => current.Phase == AttachmentPhase.AwaitingUpload ? current with { Phase = AttachmentPhase.Uploaded } : null);
            return true;
        }

        lock (_gate)
        {
            reservation.Release();
            if (!_byId.TryGetValue(attachmentId, out var attachment))
            {
                return false;
            }

            if (_bytes.Remove(attachmentId, out var replaced))
            {
                _heldBytes -= replaced.Length;
            }

            _bytes[attachmentId] = bytes;
            _heldBytes += bytes.Length;
            if (attachment.Phase == AttachmentPhase.AwaitingUpload)
            {
                _byId[attachmentId] = attachment with { Phase = AttachmentPhase.Uploaded };
            }

            return true;
        }
    }

    /// <summary>Replaces an attachment's record by what <paramref name="decide"/> makes of it (null: no change); the result, or null when it is gone.</summary>
    public Attachment? Change(string attachmentId, Func<Attachment, Attachment?> decide)
    {
        if (_shared is not null)
        {
            return _shared.Change(attachmentId, decide);
        }

        lock (_gate)
        {
            if (!_byId.TryGetValue(attachmentId, out var current))
            {
                return null;
            }

            var next = decide(current);
            if (next is not null)
            {
                _byId[attachmentId] = next;
            }

            return next ?? current;
        }
    }

    public void Clear()
    {
        if (_shared is not null)
        {
            _shared.Clear();
            return;
        }

        lock (_gate)
        {
            _byId.Clear();
            _bytes.Clear();
            _byClientToken.Clear();
            _byContact.Clear();
            _age.Clear();
            _heldBytes = 0;
        }
    }

    private void Remove(IReadOnlyList<Guid> contactIds)
    {
        if (_shared is not null)
        {
            _shared.Remove(contactIds);
            return;
        }

        lock (_gate)
        {
            foreach (var contactId in contactIds)
            {
                if (_byContact.Remove(contactId, out var ofContact))
                {
                    foreach (var id in ofContact.Ids)
                    {
                        Evict(id);
                    }
                }
            }
        }
    }

    private void Evict(string attachmentId)
    {
        if (!_byId.Remove(attachmentId, out var attachment))
        {
            return;
        }

        if (_bytes.Remove(attachmentId, out var bytes))
        {
            _heldBytes -= bytes.Length;
        }

        _byContact.GetValueOrDefault(attachment.ContactId)?.Ids.Remove(attachmentId);
        if (attachment.ClientToken is { } token)
        {
            _byClientToken.Remove((attachment.ParticipantId, token));
        }
    }

    private void Unreserve(long size)
    {
        if (_shared is not null)
        {
            _shared.Unreserve(size);
            return;
        }

        lock (_gate)
        {
            _reservedBytes -= size;
        }
    }

    /// <summary>Room held for an upload in flight; released when its bytes are stored, or when disposed.</summary>
    internal sealed class Reservation(AttachmentStore store, long size) : IDisposable
    {
        private int _released;

        public long Size => size;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                store.Unreserve(size);
            }
        }

        /// <summary>For a shared store: whether the room was still reserved, now taken over by the bytes stored.</summary>
        internal bool TakeOver() => Interlocked.Exchange(ref _released, 1) == 0;

        /// <summary>Under the store's lock: the reserved room becomes held bytes.</summary>
        internal void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                store._reservedBytes -= size;
            }
        }
    }

    private sealed class ContactAttachments
    {
        public int Started { get; set; }

        public List<string> Ids { get; } = [];
    }
}
