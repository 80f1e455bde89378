using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ConnectMock.Contacts;

/// <summary>
/// Participant, connection and WebSocket tokens. Each names its contact and participant, so a token leads to its
/// chat without an index. A participant token adds 256 random bits and is checked against the stored one; a
/// connection or WebSocket token is signed (HMAC-SHA256 with a per-process key, or the replicas' shared one) and carries its expiry, so that
/// the many tokens that reconnecting clients collect need no storage at all.
/// </summary>
internal sealed class ChatTokens
{
    private const int IdsLength = 1 + 16 + 16;
    public const int RandomLength = 32;
    private const int SignedPayloadLength = IdsLength + 8;
    private const int MacLength = 32;

    private readonly byte[] _key;

    /// <summary>Tokens signed with a key of this process's own.</summary>
    public ChatTokens()
        : this(RandomNumberGenerator.GetBytes(32))
    {
    }

    private ChatTokens(byte[] key) => _key = key;

    public enum Kind : byte
    {
        Participant = 1,
        Connection = 2,
        WebSocket = 3,
    }

    /// <summary>
    /// Tokens signed with a key that several replicas share (the Redis store's), so that a connection or WebSocket
    /// token one replica hands out is good on every other.
    /// </summary>
    public static ChatTokens SignedWith(byte[] key) => new(key);

    /// <summary>The participant token of a contact: its ids, then its secret.</summary>
    public static string ParticipantToken(Guid contactId, Guid participantId, in ParticipantSecret secret)
    {
        Span<byte> bytes = stackalloc byte[IdsLength + RandomLength];
        WriteIds(bytes, Kind.Participant, contactId, participantId);
        secret.WriteTo(bytes[IdsLength..]);
        return Convert.ToBase64String(bytes);
    }

    public string Sign(Kind kind, Guid contactId, Guid participantId, DateTimeOffset expiresAt)
    {
        Span<byte> bytes = stackalloc byte[SignedPayloadLength + MacLength];
        WriteIds(bytes, kind, contactId, participantId);
        BinaryPrimitives.WriteInt64BigEndian(bytes[IdsLength..], expiresAt.ToUnixTimeMilliseconds());
        HMACSHA256.HashData(_key, bytes[..SignedPayloadLength], bytes[SignedPayloadLength..]);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>The contact, participant and secret a participant token carries; null when it is not one.</summary>
    public static (Guid ContactId, Guid ParticipantId, ParticipantSecret Secret)? ReadParticipantToken(string token)
    {
        Span<byte> bytes = stackalloc byte[IdsLength + RandomLength];
        if (!Convert.TryFromBase64String(token, bytes, out var length) || length != bytes.Length || bytes[0] != (byte)Kind.Participant)
        {
            return null;
        }

        var (contactId, participantId) = ReadIds(bytes);
        return (contactId, participantId, ParticipantSecret.Read(bytes[IdsLength..]));
    }

    /// <summary>The contact and participant of a valid, unexpired signed token of <paramref name="kind"/>; null otherwise.</summary>
    public (Guid ContactId, Guid ParticipantId)? Verify(Kind kind, string token, DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[SignedPayloadLength + MacLength];
        if (!Convert.TryFromBase64String(token, bytes, out var length) || length != bytes.Length || bytes[0] != (byte)kind)
        {
            return null;
        }

        Span<byte> mac = stackalloc byte[MacLength];
        HMACSHA256.HashData(_key, bytes[..SignedPayloadLength], mac);
        var expiresAt = BinaryPrimitives.ReadInt64BigEndian(bytes[IdsLength..]);
        return CryptographicOperations.FixedTimeEquals(mac, bytes[SignedPayloadLength..]) && now.ToUnixTimeMilliseconds() < expiresAt
            ? ReadIds(bytes)
            : null;
    }

    /// <summary>The expiry a signed token carries, in Unix milliseconds: for a token that <see cref="Verify"/> accepted.</summary>
    public static long ExpiryOf(string token)
    {
        Span<byte> bytes = stackalloc byte[SignedPayloadLength + MacLength];
        return Convert.TryFromBase64String(token, bytes, out var length) && length == bytes.Length
            ? BinaryPrimitives.ReadInt64BigEndian(bytes[IdsLength..])
            : throw new ArgumentException("Not a signed token.", nameof(token));
    }

    /// <summary>
    /// The 256 random bits of a participant token, the only part of it that a contact keeps (its ids are the
    /// contact's own): 32 bytes inside the contact instead of an 88-character string that every young GC would copy.
    /// </summary>
    public readonly record struct ParticipantSecret(Guid First, Guid Second)
    {
        public static ParticipantSecret New()
        {
            Span<byte> bytes = stackalloc byte[RandomLength];
            SecureRandom.Fill(bytes);
            return Read(bytes);
        }

        public static ParticipantSecret Read(ReadOnlySpan<byte> bytes) => new(new Guid(bytes[..16]), new Guid(bytes[16..RandomLength]));

        /// <summary>Constant-time comparison, so that a token cannot be guessed from response times.</summary>
        public static bool Same(in ParticipantSecret presented, in ParticipantSecret stored)
        {
            Span<byte> a = stackalloc byte[RandomLength];
            Span<byte> b = stackalloc byte[RandomLength];
            presented.WriteTo(a);
            stored.WriteTo(b);
            return CryptographicOperations.FixedTimeEquals(a, b);
        }

        public void WriteTo(Span<byte> destination)
        {
            First.TryWriteBytes(destination[..16]);
            Second.TryWriteBytes(destination[16..RandomLength]);
        }
    }

    private static void WriteIds(Span<byte> bytes, Kind kind, Guid contactId, Guid participantId)
    {
        bytes[0] = (byte)kind;
        contactId.TryWriteBytes(bytes[1..17]);
        participantId.TryWriteBytes(bytes[17..33]);
    }

    private static (Guid, Guid) ReadIds(ReadOnlySpan<byte> bytes) => (new Guid(bytes[1..17]), new Guid(bytes[17..33]));
}
