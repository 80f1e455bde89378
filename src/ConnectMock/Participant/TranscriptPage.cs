using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using ConnectMock.Aws;
using ConnectMock.Contacts;

namespace ConnectMock.Participant;

/// <summary>
/// GetTranscript's paging. BACKWARD (the default without a start position) reads from the newest item towards
/// older ones, FORWARD from the oldest or from the start position towards newer ones; SortOrder only orders the
/// page. NextToken remembers where the scan stopped, in which direction and in which chat, and is signed: a token
/// that this server (or, on the Redis provider, another replica of it) did not issue for this chat and direction is a
/// ValidationException, never a position.
/// </summary>
internal sealed class TranscriptPage(ISharedKeys? shared = null)
{
    public const int DefaultMaxResults = 10;

    public (IReadOnlyList<ChatItem> Items, string? NextToken) Read(IReadOnlyList<ChatItem> transcript, GetTranscriptRequest request, Guid contactId)
    {
        var start = request.StartPosition is { IsEmpty: false } ? request.StartPosition : null;
        var forward = (request.ScanDirection ?? (start is null ? "BACKWARD" : "FORWARD")) == "FORWARD";
        var size = request.MaxResults is null or 0 ? DefaultMaxResults : request.MaxResults.Value;

        // Positions are item sequence numbers, which stay put when old items are dropped from the front; a list
        // index would shift under a reader that pages while the chat goes on.
        var oldest = transcript.Count == 0 ? 1 : transcript[0].Sequence;
        var newest = oldest + transcript.Count - 1;
        var from = request.NextToken is { } token
            ? ReadToken(token, forward, contactId)
            : start is null ? (forward ? oldest : newest) : oldest + Position(transcript, start, forward);

        long first, last;
        if (forward)
        {
            first = Math.Max(from, oldest);
            last = Math.Min(first + size - 1, newest);
        }
        else
        {
            last = Math.Min(from, newest);
            first = Math.Max(last - size + 1, oldest);
        }

        // By index: the transcript may be the store's ring in place, where walking up to the page costs its length.
        var page = new List<ChatItem>(first > last ? 0 : (int)(last - first + 1));
        for (var sequence = first; sequence <= last; sequence++)
        {
            page.Add(transcript[(int)(sequence - oldest)]);
        }
        long? next = forward
            ? (last < newest ? last + 1 : null)
            : (first > oldest ? first - 1 : null);

        if ((request.SortOrder ?? "DESCENDING") == "DESCENDING")
        {
            page.Reverse();
        }

        return (page, next is { } n ? WriteToken(n, forward, contactId) : null);
    }

    private static int Position(IReadOnlyList<ChatItem> transcript, StartPosition start, bool forward)
    {
        if (start.Id is { } id)
        {
            for (var i = 0; i < transcript.Count; i++)
            {
                if (transcript[i].Id == id)
                {
                    return i;
                }
            }

            throw AwsErrors.Of(AwsErrors.ValidationName, $"StartPosition.Id '{id}' is not an item of this chat.");
        }

        if (start.MostRecent is { } mostRecent)
        {
            return Math.Max(transcript.Count - 1 - mostRecent, 0);
        }

        if (!DateTimeOffset.TryParse(start.AbsoluteTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            throw AwsErrors.Of(AwsErrors.ValidationName, "StartPosition.AbsoluteTime must be an ISO-8601 time such as 2026-11-26T12:00:00.000Z.");
        }

        // FORWARD starts at the first item at or after the time, BACKWARD at the last one at or before it.
        var index = forward ? 0 : transcript.Count - 1;
        while (forward ? index < transcript.Count && transcript[index].AbsoluteTime < at : index >= 0 && transcript[index].AbsoluteTime > at)
        {
            index += forward ? 1 : -1;
        }

        return index;
    }

    // A token is the direction and the position, then the first bytes of an HMAC of them and the chat's id. The key
    // lives as long as the process, as in-memory transcripts do, or is the replicas' shared one.
    private const int MacBytes = 16;
    private const int TokenBytes = 1 + sizeof(long) + MacBytes;
    private readonly byte[] _tokenKey = shared?.Key("transcript-pages") ?? RandomNumberGenerator.GetBytes(32);

    private string WriteToken(long sequence, bool forward, Guid contactId)
    {
        Span<byte> token = stackalloc byte[TokenBytes];
        token[0] = (byte)(forward ? 'F' : 'B');
        BinaryPrimitives.WriteInt64BigEndian(token[1..], sequence);
        Mac(token[..^MacBytes], contactId, token[^MacBytes..]);
        return Convert.ToBase64String(token);
    }

    private long ReadToken(string token, bool forward, Guid contactId)
    {
        Span<byte> bytes = stackalloc byte[TokenBytes];
        Span<byte> expected = stackalloc byte[MacBytes];
        if (Convert.TryFromBase64String(token, bytes, out var length) && length == TokenBytes
            && bytes[0] == (byte)(forward ? 'F' : 'B'))
        {
            Mac(bytes[..^MacBytes], contactId, expected);
            if (CryptographicOperations.FixedTimeEquals(expected, bytes[^MacBytes..]))
            {
                return BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
            }
        }

        throw AwsErrors.Of(AwsErrors.ValidationName, "NextToken is not one that GetTranscript returned for this chat and scan direction.");
    }

    private void Mac(ReadOnlySpan<byte> position, Guid contactId, Span<byte> mac)
    {
        Span<byte> message = stackalloc byte[position.Length + 16];
        position.CopyTo(message);
        contactId.TryWriteBytes(message[position.Length..]);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_tokenKey, message, hash);
        hash[..mac.Length].CopyTo(mac);
    }
}
